package io.rlstestkit.examples.springevf;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The EVF platform as a Spring Boot application: services, a repository, a background job and a health check. */
@SpringBootApplication
public class EvfApplication {

    public static void main(String[] args) {
        SpringApplication.run(EvfApplication.class, args);
    }
}

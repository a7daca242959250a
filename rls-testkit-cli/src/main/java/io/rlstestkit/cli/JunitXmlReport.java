package io.rlstestkit.cli;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * JUnit XML (the Ant/Surefire format every CI shows): a suite for the audit (a test case per finding), one per table
 * of the deny matrix (a test case per probe), and one for the round trip.
 */
final class JunitXmlReport {

    private JunitXmlReport() {
    }

    static String write(CheckResult result) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "rls-testkit " + result.source());
            xml.writeAttribute("tests", String.valueOf(Math.max(1, result.findings().size())
                    + result.probes().size()));
            xml.writeAttribute("failures", String.valueOf(result.countedFindings().size()
                    + result.failedProbes().size()));
            audit(xml, result);
            Map<String, List<CheckResult.Probe>> byTable = new TreeMap<>();
            for (CheckResult.Probe probe : result.probes()) {
                String suite = probe.kind() == CheckResult.Kind.DENY_MATRIX ? "deny matrix." + probe.table()
                        : "round trip";
                byTable.computeIfAbsent(suite, key -> new java.util.ArrayList<>()).add(probe);
            }
            for (Map.Entry<String, List<CheckResult.Probe>> suite : byTable.entrySet()) {
                List<CheckResult.Probe> probes = suite.getValue();
                startSuite(xml, suite.getKey(), probes.size(), count(probes, probe -> !probe.passed()));
                for (CheckResult.Probe probe : probes) {
                    testCase(xml, suite.getKey(), probe.name(), probe.passed() ? null : probe.message(), null);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return text + "\n";
    }

    private static void audit(XMLStreamWriter xml, CheckResult result) throws XMLStreamException {
        List<CheckResult.Finding> findings = result.findings();
        startSuite(xml, "audit", Math.max(1, findings.size()), result.countedFindings().size());
        if (findings.isEmpty()) {
            testCase(xml, "audit", "no findings", null, null);
        }
        for (CheckResult.Finding finding : findings) {
            String name = finding.code() + " " + finding.object();
            String detail = finding.severity() + ": " + finding.message();
            if (result.counts(finding)) {
                testCase(xml, "audit", name, detail, null);
            } else {
                testCase(xml, "audit", name, null, finding.accepted()
                        ? detail + "\naccepted: " + finding.acceptedBecause()
                        : detail + "\nbelow --fail-on " + result.failOn().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        xml.writeEndElement();
    }

    private static void startSuite(XMLStreamWriter xml, String name, int tests, long failures)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
    }

    private static void testCase(XMLStreamWriter xml, String suite, String name, String failure, String output)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", suite);
        xml.writeAttribute("name", name);
        if (failure != null) {
            xml.writeStartElement("failure");
            xml.writeAttribute("message", failure.lines().findFirst().orElse(""));
            xml.writeCharacters(failure);
            xml.writeEndElement();
        }
        if (output != null) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(output);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static long count(List<CheckResult.Probe> probes, Predicate<CheckResult.Probe> which) {
        return probes.stream().filter(which).count();
    }
}

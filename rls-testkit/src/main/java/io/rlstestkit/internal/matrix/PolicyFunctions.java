package io.rlstestkit.internal.matrix;

import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.tenant.PolicyExpression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The texts a table's policies run: their expressions, and the source of the SQL and PL/pgSQL functions they call,
 * and of the functions those call, so that a setting read inside {@code is_support()} counts as one the policy reads.
 */
final class PolicyFunctions {

    private PolicyFunctions() {
    }

    /**
     * @param policies  the table's policies
     * @param functions the source of each function any policy calls, by signature ({@code public.is_support()})
     */
    static List<String> texts(List<PolicyInfo> policies, Map<String, String> functions) {
        List<String> texts = new ArrayList<>();
        for (PolicyInfo policy : policies) {
            for (String expression : new String[] {policy.using(), policy.withCheck()}) {
                if (expression != null) {
                    texts.add(expression);
                }
            }
        }
        Set<String> called = new LinkedHashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            for (String call : PolicyExpression.calls(texts.get(i))) {
                String name = call.toLowerCase(Locale.ROOT);
                functions.forEach((signature, source) -> {
                    String function = signature.substring(0, signature.indexOf('('));
                    if ((function.equals(name) || function.endsWith("." + name)) && called.add(signature)
                            && !source.isBlank()) {
                        texts.add(source);
                    }
                });
            }
        }
        return texts;
    }
}

package io.pirack.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes field selector ({@code spec.nodeName=rpi3,status.phase!=Failed}) evaluated on an
 * object's JSON, as the API server does for the fields kubectl asks about. A missing field reads as
 * the empty string, so {@code involvedObject.namespace=} matches cluster-scoped objects.
 */
record FieldSelector(List<Term> terms) {

    record Term(String path, boolean equal, String value) {
    }

    static FieldSelector parse(String text) {
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int ne = part.indexOf("!=");
            if (ne >= 0) {
                terms.add(new Term(part.substring(0, ne).trim(), false, part.substring(ne + 2).trim()));
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("not a field selector term: " + part);
            }
            String value = part.substring(eq + 1);
            if (value.startsWith("=")) {
                value = value.substring(1);
            }
            terms.add(new Term(part.substring(0, eq).trim(), true, value.trim()));
        }
        return new FieldSelector(List.copyOf(terms));
    }

    boolean matches(Map<?, ?> object) {
        for (Term term : terms) {
            boolean same = term.value().equals(field(object, term.path()));
            if (same != term.equal()) {
                return false;
            }
        }
        return true;
    }

    static String field(Map<?, ?> object, String path) {
        Object current = object;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return "";
            }
            current = map.get(step);
        }
        return current == null ? "" : String.valueOf(current);
    }
}

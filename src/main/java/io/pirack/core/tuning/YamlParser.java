package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;

/**
 * Parses one YAML document into plain Java values (Map, List, String, Number, Boolean, null), so
 * the pure edit plans can re-read what they wrote. Implemented at the edge with a YAML library.
 */
@FunctionalInterface
public interface YamlParser {

    /** The document's value, or a message saying where the YAML is broken. */
    Validation<Object> parse(String text);
}

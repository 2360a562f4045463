package io.pirack.tuning;

import io.pirack.core.tuning.YamlParser;
import io.pirack.core.validate.Validation;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** {@link YamlParser} on snakeyaml-engine (YAML 1.2), the parser fabric8 already brings. */
public final class SnakeYamlParser implements YamlParser {

    @Override
    public Validation<Object> parse(String text) {
        // One Load per call: snakeyaml-engine's Load is not thread-safe.
        Load load = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build());
        try {
            return Validation.valid(load.loadFromString(text));
        } catch (YamlEngineException e) {
            return Validation.invalid("not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        return message.strip().replace('\n', ' ');
    }
}

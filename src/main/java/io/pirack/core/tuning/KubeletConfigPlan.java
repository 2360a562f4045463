package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Sets {@code nodeLeaseDurationSeconds} in a KubeletConfiguration file (kubeadm's
 * {@code /var/lib/kubelet/config.yaml}): replaces the top-level line or appends one, then checks that
 * the file still parses and nothing else moved.
 */
public record KubeletConfigPlan(String path, int leaseDurationSeconds, YamlParser yaml) implements ConfigEditPlan {

    private static final String KEY = EffectiveSettings.LEASE_DURATION_CONFIG_KEY;
    private static final Pattern KEY_LINE = Pattern.compile("^" + KEY + "\\s*:.*$");

    @Override
    public String describe() {
        return "kubelet: " + KEY + "=" + leaseDurationSeconds + " (renews every " + leaseDurationSeconds / 4.0 + " s)";
    }

    @Override
    public RestartAction restart() {
        return RestartAction.systemctlRestart("kubelet");
    }

    @Override
    public Validation<FileEdit> edit(String before) {
        if (before == null) {
            return Validation.invalid(path + " does not exist: is this a kubeadm node?");
        }
        Validation<Object> parsed = yaml.parse(before);
        if (!parsed.isValid()) {
            return Validation.invalid(path + " is " + parsed.message());
        }
        if (!(parsed.orThrow() instanceof Map<?, ?> config) || !"KubeletConfiguration".equals(config.get("kind"))) {
            return Validation.invalid(path + " is not a KubeletConfiguration");
        }
        String newLine = KEY + ": " + leaseDurationSeconds;
        List<String> lines = new ArrayList<>(List.of(before.split("\n", -1)));
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (KEY_LINE.matcher(lines.get(i)).matches()) {
                lines.set(i, newLine);
                replaced = true;
            }
        }
        String after;
        if (replaced) {
            after = String.join("\n", lines);
        } else {
            after = before + (before.isEmpty() || before.endsWith("\n") ? "" : "\n") + newLine + "\n";
        }
        Validation<Object> reparsed = yaml.parse(after);
        Map<Object, Object> expected = new LinkedHashMap<>(config);
        expected.put(KEY, leaseDurationSeconds);
        if (!reparsed.isValid() || !(reparsed.orThrow() instanceof Map<?, ?> newConfig)
                || !Objects.equals(new LinkedHashMap<>(newConfig), expected)) {
            return Validation.invalid("the edited " + path + " does not read back as intended; nothing was changed");
        }
        Object old = config.get(KEY);
        String change = "kubelet " + KEY + ": " + (old == null ? "default 40" : old) + " → " + leaseDurationSeconds;
        return Validation.valid(new FileEdit(path, before, after, Objects.equals(old, leaseDurationSeconds) ? List.of() : List.of(change)));
    }
}

package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Edits the component-arg keys of a k3s {@code config.yaml} ({@code kube-controller-manager-arg},
 * {@code kube-apiserver-arg}, {@code kubelet-arg}). Each edited key is rewritten in place as a block
 * list of quoted strings, keeping its other entries; the rest of the file stays byte for byte. A
 * missing file is created.
 *
 * @param changes component-arg key → flag changes for that component
 */
public record K3sConfigPlan(String path, SortedMap<String, FlagChanges> changes, YamlParser yaml) implements ConfigEditPlan {

    public K3sConfigPlan {
        changes = new TreeMap<>(changes);
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        changes.forEach((key, c) -> parts.add(key + ": " + ConfigEditPlans.describe(c, false)));
        return String.join("; ", parts);
    }

    @Override
    public RestartAction restart() {
        return RestartAction.systemctlRestart("k3s");
    }

    @Override
    public boolean createsMissingFile() {
        return true;
    }

    @Override
    public Validation<FileEdit> edit(String before) {
        String text = before == null ? "" : before;
        if (text.contains("\r")) {
            return Validation.invalid(path + " has Windows line endings; edit it by hand");
        }
        Validation<Object> parsed = yaml.parse(text);
        if (!parsed.isValid()) {
            return Validation.invalid(path + " is " + parsed.message());
        }
        Object document = parsed.orThrow();
        if (document != null && !(document instanceof Map<?, ?>)) {
            return Validation.invalid(path + " is not a map of settings");
        }
        Map<?, ?> config = document == null ? Map.of() : (Map<?, ?>) document;
        Map<Object, Object> expected = new LinkedHashMap<>(config);
        List<String> changeLines = new ArrayList<>();
        String after = text;
        for (Map.Entry<String, FlagChanges> entry : changes.entrySet()) {
            String key = entry.getKey();
            Validation<List<String>> oldArgs = ComponentFlags.k3sArgList(config, key);
            if (!oldArgs.isValid()) {
                return Validation.invalid(oldArgs.message());
            }
            List<String> newArgs = entry.getValue().applyToWords(oldArgs.orThrow(), false);
            if (newArgs.equals(oldArgs.orThrow()) && config.containsKey(key) == !newArgs.isEmpty()) {
                continue;
            }
            Validation<String> replaced = replaceBlock(after, key, newArgs);
            if (!replaced.isValid()) {
                return Validation.invalid(replaced.message());
            }
            after = replaced.orThrow();
            expected.put(key, newArgs);
            changeLines.addAll(ConfigEditPlans.changeLines(FlagSet.fromComponentArgs(oldArgs.orThrow()),
                    FlagSet.fromComponentArgs(newArgs), key));
        }
        Validation<Object> reparsed = yaml.parse(after);
        Object normalizedNew = reparsed.isValid() ? normalize(reparsed.orThrow()) : null;
        if (!reparsed.isValid() || !Objects.equals(normalizedNew, normalize(expected))) {
            return Validation.invalid("the edited " + path + " does not read back as intended; nothing was changed");
        }
        return Validation.valid(new FileEdit(path, before, after, changeLines));
    }

    /** Single strings count as one-entry lists, as k3s reads them. */
    private Object normalize(Object document) {
        if (!(document instanceof Map<?, ?> map)) {
            return document == null ? Map.of() : document;
        }
        Map<Object, Object> out = new LinkedHashMap<>(map);
        for (String key : changes.keySet()) {
            if (out.get(key) instanceof String s) {
                out.put(key, List.of(s));
            }
        }
        return out;
    }

    /**
     * Replaces the top-level block of {@code key} (its line and every following indented or
     * "- " line) with a block list, or appends one when the key is absent.
     */
    private static Validation<String> replaceBlock(String text, String key, List<String> args) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        Pattern keyLine = Pattern.compile("^[\"']?" + Pattern.quote(key) + "[\"']?\\s*:.*$");
        List<String> block = new ArrayList<>();
        block.add(key + ":");
        for (String arg : args) {
            block.add("  - " + quoted(arg));
        }
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (keyLine.matcher(lines.get(i)).matches()) {
                if (start >= 0) {
                    return Validation.invalid(key + " appears twice in the file; edit it by hand");
                }
                start = i;
            }
        }
        if (start < 0) {
            boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
            return Validation.valid(text + (endsWithNewline ? "" : "\n") + String.join("\n", block) + "\n");
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()
                && (Character.isWhitespace(lines.get(end).charAt(0)) || lines.get(end).startsWith("-"))) {
            end++;
        }
        List<String> result = new ArrayList<>(lines.subList(0, start));
        result.addAll(block);
        result.addAll(lines.subList(end, lines.size()));
        return Validation.valid(String.join("\n", result));
    }

    /** A YAML double-quoted scalar. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

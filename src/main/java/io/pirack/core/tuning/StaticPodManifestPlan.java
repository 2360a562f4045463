package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits the {@code command} list of a kubeadm static pod manifest line by line, so comments and
 * layout survive, then re-parses the result and insists that only the command changed and that it
 * now reads exactly as intended.
 */
public record StaticPodManifestPlan(String path, String component, FlagChanges changes, KubeVersion version,
                                    YamlParser yaml) implements ConfigEditPlan {

    private static final Pattern COMMAND_KEY = Pattern.compile("^\\s*(?:-\\s+)?command:\\s*$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)-\\s+(.*?)\\s*$");

    @Override
    public String describe() {
        return component + ": " + ConfigEditPlans.describe(changes, true);
    }

    @Override
    public RestartAction restart() {
        return RestartAction.staticPodReload(component);
    }

    @Override
    public Validation<FileEdit> edit(String before) {
        if (before == null) {
            return Validation.invalid(path + " does not exist: is this a kubeadm control-plane node?");
        }
        if (before.contains("\r")) {
            return Validation.invalid(path + " has Windows line endings; edit it by hand");
        }
        Validation<Object> parsed = yaml.parse(before);
        if (!parsed.isValid()) {
            return Validation.invalid(path + " is " + parsed.message());
        }
        Validation<List<String>> command = command(parsed.orThrow());
        if (!command.isValid()) {
            return Validation.invalid(command.message());
        }
        List<String> oldCommand = command.orThrow();
        List<String> newCommand = changes.applyToWords(oldCommand, true);

        List<String> lines = new ArrayList<>(List.of(before.split("\n", -1)));
        int[] span = itemSpan(lines, oldCommand);
        if (span == null) {
            return Validation.invalid(path + ": the command list of " + component
                    + " is not written one \"- item\" per line; edit it by hand");
        }
        String indent = lines.get(span[0]).substring(0, lines.get(span[0]).indexOf('-'));
        List<String> newLines = new ArrayList<>();
        for (String word : newCommand) {
            int old = oldCommand.indexOf(word);
            // Untouched words keep their original line (and quoting); changed ones are written plain.
            newLines.add(old >= 0 ? lines.get(span[0] + old) : indent + "- " + word);
        }
        List<String> result = new ArrayList<>(lines.subList(0, span[0]));
        result.addAll(newLines);
        result.addAll(lines.subList(span[1], lines.size()));
        String after = String.join("\n", result);

        Validation<String> checked = check(parsed.orThrow(), after, newCommand);
        if (!checked.isValid()) {
            return Validation.invalid(checked.message());
        }
        return Validation.valid(new FileEdit(path, before, after, ConfigEditPlans.changeLines(
                FlagSet.fromArgs(oldCommand), FlagSet.fromArgs(newCommand), component)));
    }

    private Validation<String> check(Object oldDocument, String after, List<String> expectedCommand) {
        Validation<Object> reparsed = yaml.parse(after);
        if (!reparsed.isValid()) {
            return Validation.invalid("the edited " + path + " would be " + reparsed.message() + "; nothing was changed");
        }
        Validation<List<String>> newCommand = command(reparsed.orThrow());
        if (!newCommand.isValid() || !newCommand.orThrow().equals(expectedCommand)) {
            return Validation.invalid("the edited " + path + " does not read back as intended; nothing was changed");
        }
        if (!Objects.equals(withoutCommand(oldDocument), withoutCommand(reparsed.orThrow()))) {
            return Validation.invalid("the edit of " + path + " would change more than the command; nothing was changed");
        }
        FlagSet flags = FlagSet.fromArgs(expectedCommand);
        if (version.atLeast(1, 27) && flags.has(EffectiveSettings.POD_EVICTION_TIMEOUT_FLAG)) {
            return Validation.invalid("--pod-eviction-timeout would stay in " + path + ": a " + version.shortName()
                    + " controller-manager does not start with it");
        }
        for (Map.Entry<String, String> wanted : changes.set().entrySet()) {
            if (!flags.get(wanted.getKey()).equals(Optional.of(wanted.getValue()))) {
                return Validation.invalid("--" + wanted.getKey() + " does not read back as " + wanted.getValue());
            }
        }
        return Validation.valid(after);
    }

    /** The command list of the container named after the component (or the only container). */
    private Validation<List<String>> command(Object document) {
        List<?> containers = containers(document);
        if (containers == null) {
            return Validation.invalid(path + " is not a pod manifest (no spec.containers)");
        }
        Object container = containers.size() == 1 ? containers.get(0) : null;
        for (Object candidate : containers) {
            if (candidate instanceof Map<?, ?> m && component.equals(m.get("name"))) {
                container = candidate;
            }
        }
        if (!(container instanceof Map<?, ?> map) || !(map.get("command") instanceof List<?> list)) {
            return Validation.invalid(path + " has no command list for " + component);
        }
        List<String> words = new ArrayList<>();
        for (Object item : list) {
            words.add(String.valueOf(item));
        }
        return Validation.valid(words);
    }

    private static List<?> containers(Object document) {
        if (document instanceof Map<?, ?> doc && doc.get("spec") instanceof Map<?, ?> spec
                && spec.get("containers") instanceof List<?> list) {
            return list;
        }
        return null;
    }

    /** A deep copy of the manifest with every container's command blanked, for "nothing else changed". */
    private static Object withoutCommand(Object document) {
        if (!(document instanceof Map<?, ?> doc)) {
            return document;
        }
        Map<Object, Object> copy = new LinkedHashMap<>(doc);
        if (doc.get("spec") instanceof Map<?, ?> spec && spec.get("containers") instanceof List<?> containers) {
            Map<Object, Object> specCopy = new LinkedHashMap<>(spec);
            List<Object> containersCopy = new ArrayList<>();
            for (Object c : containers) {
                if (c instanceof Map<?, ?> m) {
                    Map<Object, Object> containerCopy = new LinkedHashMap<>(m);
                    containerCopy.remove("command");
                    containersCopy.add(containerCopy);
                } else {
                    containersCopy.add(c);
                }
            }
            specCopy.put("containers", containersCopy);
            copy.put("spec", specCopy);
        }
        return copy;
    }

    /**
     * The [first, end) line range of the command items, found after a {@code command:} key whose
     * following "- item" lines spell exactly the parsed command; null if the layout is unusual.
     */
    private static int[] itemSpan(List<String> lines, List<String> command) {
        for (int i = 0; i < lines.size(); i++) {
            if (!COMMAND_KEY.matcher(lines.get(i)).matches()) {
                continue;
            }
            int first = i + 1;
            int end = first;
            String indent = null;
            while (end < lines.size()) {
                Matcher m = ITEM.matcher(lines.get(end));
                if (!m.matches() || (indent != null && !indent.equals(m.group(1)))) {
                    break;
                }
                indent = m.group(1);
                end++;
            }
            if (end - first == command.size() && itemsMatch(lines.subList(first, end), command)) {
                return new int[] {first, end};
            }
        }
        return null;
    }

    private static boolean itemsMatch(List<String> itemLines, List<String> command) {
        for (int k = 0; k < itemLines.size(); k++) {
            Matcher m = ITEM.matcher(itemLines.get(k));
            if (!m.matches() || !unquote(m.group(2)).equals(command.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String scalar) {
        if (scalar.length() >= 2 && (scalar.startsWith("\"") && scalar.endsWith("\"")
                || scalar.startsWith("'") && scalar.endsWith("'"))) {
            return scalar.substring(1, scalar.length() - 1);
        }
        return scalar;
    }
}

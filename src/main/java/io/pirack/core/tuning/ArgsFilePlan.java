package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Edits a MicroK8s args file ({@code /var/snap/microk8s/current/args/<component>}): one flag per
 * line. Lines of other flags, comments and blank lines stay byte for byte.
 */
public record ArgsFilePlan(String path, String component, FlagChanges changes, RestartAction restart)
        implements ConfigEditPlan {

    @Override
    public String describe() {
        return component + ": " + ConfigEditPlans.describe(changes, true);
    }

    @Override
    public Validation<FileEdit> edit(String before) {
        if (before == null) {
            return Validation.invalid(path + " does not exist: is this a MicroK8s node?");
        }
        List<String> lines = new ArrayList<>(List.of(before.split("\n", -1)));
        boolean finalNewline = before.isEmpty() || before.endsWith("\n");
        if (finalNewline) {
            lines.remove(lines.size() - 1);
        }
        List<String> out = new ArrayList<>();
        Set<String> written = new HashSet<>();
        for (String line : lines) {
            FlagSet.ArgsLine flag = FlagSet.ArgsLine.parse(line);
            if (flag == null || (!changes.set().containsKey(flag.name()) && !changes.remove().contains(flag.name()))) {
                out.add(line);
            } else if (changes.set().containsKey(flag.name()) && written.add(flag.name())) {
                out.add("--" + flag.name() + "=" + changes.set().get(flag.name()));
            }
        }
        for (Map.Entry<String, String> entry : changes.set().entrySet()) {
            if (!written.contains(entry.getKey())) {
                out.add("--" + entry.getKey() + "=" + entry.getValue());
            }
        }
        String after = String.join("\n", out) + (out.isEmpty() ? "" : "\n");
        FlagSet oldFlags = FlagSet.fromArgsFile(before);
        FlagSet newFlags = FlagSet.fromArgsFile(after);
        if (!newFlags.equals(changes.applyTo(oldFlags))) {
            return Validation.invalid("the edited " + path + " does not read back as intended; nothing was changed");
        }
        return Validation.valid(new FileEdit(path, before, after, ConfigEditPlans.changeLines(oldFlags, newFlags, component)));
    }
}

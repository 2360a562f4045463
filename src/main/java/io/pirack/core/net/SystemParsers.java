package io.pirack.core.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for small system listings: launchctl, sw_vers, nmcli. */
public final class SystemParsers {

    private static final Pattern STATE = Pattern.compile("(?m)^\\s*state = (\\S+)");
    private static final Pattern PID = Pattern.compile("(?m)^\\s*pid = ([0-9]+)");

    private SystemParsers() {
    }

    /** A launchd job as {@code launchctl print system/<label>} describes it. */
    public record LaunchdService(boolean loaded, String state, OptionalInt pid) {
        public boolean running() {
            return loaded && "running".equals(state);
        }
    }

    /** {@code launchctl print}: {@code state = running} and {@code pid = N}; "Could not find service" when not loaded. */
    public static LaunchdService parseLaunchctlPrint(String text) {
        Matcher state = STATE.matcher(text);
        if (text.contains("Could not find service") || !state.find()) {
            return new LaunchdService(false, "not loaded", OptionalInt.empty());
        }
        Matcher pid = PID.matcher(text);
        return new LaunchdService(true, state.group(1), pid.find() ? OptionalInt.of(Integer.parseInt(pid.group(1))) : OptionalInt.empty());
    }

    /** {@code sw_vers}: ProductName, ProductVersion, BuildVersion. */
    public record MacOsVersion(String productName, String productVersion, String buildVersion) {
        public int major() {
            String first = productVersion.split("\\.")[0];
            return first.matches("[0-9]{1,3}") ? Integer.parseInt(first) : 0;
        }
    }

    public static Optional<MacOsVersion> parseSwVers(String text) {
        String name = swVersField(text, "ProductName");
        String version = swVersField(text, "ProductVersion");
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MacOsVersion(name, version, swVersField(text, "BuildVersion")));
    }

    private static String swVersField(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s*(.*?)\\s*$").matcher(text);
        return m.find() ? m.group(1) : "";
    }

    /** One NetworkManager connection from {@code nmcli -t -f NAME,UUID,TYPE,DEVICE connection show --active}. */
    public record NmConnection(String name, String uuid, String type, String device) {
        public boolean isWired() {
            return type.equals("802-3-ethernet") || type.equals("ethernet");
        }
    }

    /** nmcli terse output: ':'-separated fields with ':' and '\' escaped by a backslash. */
    public static List<NmConnection> parseNmcliConnections(String text) {
        List<NmConnection> connections = new ArrayList<>();
        for (String line : text.split("\n")) {
            List<String> fields = splitTerse(line.strip());
            if (fields.size() >= 4) {
                connections.add(new NmConnection(fields.get(0), fields.get(1), fields.get(2), fields.get(3)));
            }
        }
        return connections;
    }

    private static List<String> splitTerse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}

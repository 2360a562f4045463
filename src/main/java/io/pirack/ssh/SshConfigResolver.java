package io.pirack.ssh;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.validate.Hostname;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Merges a rack slot with the presenter's {@code ~/.ssh/config} into an {@link SshTarget}, the way
 * {@code ssh <hostname>} would: {@code Host} blocks whose patterns ({@code *}, {@code ?},
 * {@code !negation}) match the Pi's name apply in file order, and for each keyword the first value
 * found wins. Understood keywords: HostName (with {@code %h}), User, Port, IdentityFile (with
 * {@code ~}, {@code %d}, {@code %h}, {@code %r}, {@code %u}). {@code Match} blocks and {@code Include}
 * are skipped — PiRack cannot evaluate them, and ssh itself remains the reference.
 *
 * <p>Precedence: what the rack spec sets for the slot, then ~/.ssh/config, then defaults (host: the
 * slot's planned IP, else its hostname; user {@code pi}; port 22; the default keys).
 */
public final class SshConfigResolver implements SshTargetResolver {

    public static final String DEFAULT_USER = "pi";
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}\\$?", Pattern.CASE_INSENSITIVE);

    private record Block(List<String> patterns, Map<String, String> settings) {}

    private final List<Block> blocks;
    private final Path home;
    private final String localUser;

    private SshConfigResolver(List<Block> blocks, Path home, String localUser) {
        this.blocks = List.copyOf(blocks);
        this.home = home;
        this.localUser = localUser;
    }

    /** Reads {@code configFile} (a missing file is an empty config); {@code ~} expands to {@code home}. */
    public static SshConfigResolver load(Path configFile, Path home, String localUser) throws IOException {
        String text = Files.exists(configFile) ? Files.readString(configFile) : "";
        return parse(text, home, localUser);
    }

    public static SshConfigResolver parse(String configText, Path home, String localUser) {
        List<Block> blocks = new ArrayList<>();
        Block current = new Block(List.of("*"), new HashMap<>());
        blocks.add(current);
        for (String raw : configText.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("(\\s*=\\s*|\\s+)", 2);
            String keyword = parts[0].toLowerCase(Locale.ROOT);
            String value = parts.length > 1 ? unquote(parts[1].strip()) : "";
            if (keyword.equals("host")) {
                current = new Block(List.of(value.toLowerCase(Locale.ROOT).split("\\s+")), new HashMap<>());
                blocks.add(current);
            } else if (keyword.equals("match")) {
                current = new Block(List.of(), new HashMap<>());
                blocks.add(current);
            } else {
                current.settings().putIfAbsent(keyword, value);
            }
        }
        return new SshConfigResolver(blocks, home, localUser);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** The first value for a keyword among the blocks that apply to {@code alias}. */
    Optional<String> lookup(String alias, String keyword) {
        String name = alias.toLowerCase(Locale.ROOT);
        for (Block block : blocks) {
            if (applies(block.patterns(), name) && block.settings().containsKey(keyword)) {
                return Optional.of(block.settings().get(keyword));
            }
        }
        return Optional.empty();
    }

    private static boolean applies(List<String> patterns, String name) {
        boolean matched = false;
        for (String pattern : patterns) {
            if (pattern.startsWith("!")) {
                if (glob(pattern.substring(1), name)) {
                    return false;
                }
            } else if (glob(pattern, name)) {
                matched = true;
            }
        }
        return matched;
    }

    static boolean glob(String pattern, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return name.matches(regex.toString());
    }

    @Override
    public Validation<SshTarget> resolve(PiSlot slot) {
        Validation<Hostname> alias = Hostname.parse(slot.hostname());
        if (!alias.isValid()) {
            return Validation.invalid(alias.message());
        }
        String name = alias.orThrow().value();
        String user = slot.sshUser() != null ? slot.sshUser() : lookup(name, "user").orElse(DEFAULT_USER);
        if (!USER.matcher(user).matches()) {
            return Validation.invalid("SSH user '" + user + "' for " + name + " is not a valid user name");
        }
        Optional<String> configuredHost = lookup(name, "hostname").map(h -> h.replace("%h", name).replace("%%", "%"));
        String host = configuredHost.orElse(slot.ip() != null ? slot.ip() : name);
        if (!Ipv4Address.parse(host).isValid() && !Hostname.parse(host).isValid()) {
            return Validation.invalid("SSH host '" + host + "' for " + name + " is neither an IPv4 address nor a host name");
        }
        int port;
        if (slot.sshPort() > 0) {
            port = slot.sshPort();
        } else {
            String text = lookup(name, "port").orElse("22");
            if (!text.matches("[0-9]{1,5}")) {
                return Validation.invalid("SSH port '" + text + "' for " + name + " is not a number");
            }
            port = Integer.parseInt(text);
        }
        if (port < 1 || port > 65535) {
            return Validation.invalid("SSH port " + port + " for " + name + " is not 1 to 65535");
        }
        String identity = slot.identityFile() != null ? slot.identityFile() : lookup(name, "identityfile").orElse(null);
        Path identityFile = null;
        if (identity != null) {
            Validation<String> expanded = expand(identity, name, host, user);
            if (!expanded.isValid()) {
                return Validation.invalid(expanded.message());
            }
            identityFile = Path.of(expanded.orThrow());
        }
        return Validation.valid(new SshTarget(name, host, port, user, identityFile));
    }

    private Validation<String> expand(String path, String alias, String host, String user) {
        String text = path.equals("~") ? home.toString()
                : path.startsWith("~/") ? home.resolve(path.substring(2)).toString() : path;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char token = i + 1 < text.length() ? text.charAt(++i) : ' ';
            switch (token) {
                case '%' -> out.append('%');
                case 'd' -> out.append(home);
                case 'h' -> out.append(host);
                case 'n' -> out.append(alias);
                case 'r' -> out.append(user);
                case 'u' -> out.append(localUser);
                default -> {
                    return Validation.invalid("IdentityFile '" + path + "' uses %" + token + ", which PiRack does not expand");
                }
            }
        }
        return Validation.valid(out.toString());
    }
}

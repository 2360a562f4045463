package io.pirack.plug;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Validation;
import java.net.URI;
import java.net.URISyntaxException;

/** The Kubernetes API server's address as a validated IPv4 address and TCP port. */
public record ApiEndpoint(Ipv4Address ip, int port) {

    public ApiEndpoint {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1 to 65535");
        }
    }

    /**
     * From a kubeconfig {@code server} URL such as {@code https://192.168.2.101:6443}. A DNS name is
     * refused: iptables would resolve it once on the Pi, possibly to something else.
     */
    public static Validation<ApiEndpoint> fromServerUrl(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            return Validation.invalid("API server URL '" + url + "' is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            return Validation.invalid("API server URL '" + url + "' must look like https://192.168.2.101:6443");
        }
        Validation<Ipv4Address> ip = Ipv4Address.parse(uri.getHost());
        if (!ip.isValid()) {
            return Validation.invalid("API server '" + uri.getHost() + "' must be an IPv4 address to cut the node off it");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        return Validation.valid(new ApiEndpoint(ip.orThrow(), port));
    }
}

package io.pirack.core.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "linux/aarch64,   linux/arm64/v8",
        "linux/arm64,     linux/arm64/v8",
        "linux/arm64/8,   linux/arm64/v8",
        "linux/x86_64,    linux/amd64",
        "linux/amd64/v1,  linux/amd64",
        "linux/arm,       linux/arm/v7",
        "linux/armhf,     linux/arm/v7",
        "linux/armel,     linux/arm/v6",
        "linux/arm/6,     linux/arm/v6",
    })
    void normalisesAsContainerdDoes(String given, String normal) {
        assertEquals(normal, Platform.parse(given).toString());
    }

    /** containerd's platforms.Only: what a node of the first platform pulls of an image built for the second. */
    @ParameterizedTest(name = "node {0} runs {1}: {2}")
    @CsvSource({
        "linux/arm64,    linux/arm64/v8, NATIVE",
        "linux/arm64,    linux/arm/v7,   COMPAT_32BIT",
        "linux/arm64,    linux/arm/v6,   COMPAT_32BIT",
        "linux/arm64,    linux/amd64,    NONE",
        "linux/arm/v7,   linux/arm/v6,   NATIVE",
        "linux/arm/v7,   linux/arm/v7,   NATIVE",
        "linux/arm/v6,   linux/arm/v7,   NONE",
        "linux/arm/v7,   linux/arm64,    NONE",
        "linux/amd64,    linux/386,      COMPAT_32BIT",
        "linux/amd64,    linux/amd64/v3, NONE",
        "linux/arm64,    windows/arm64,  NONE",
    })
    void fitsByContainerdsMatcher(String node, String image, Platform.Fit fit) {
        assertEquals(fit, Platform.parse(node).runs(Platform.parse(image)));
    }

    @ParameterizedTest(name = "kernel {2}")
    @CsvSource({
        "arm,   aarch64-ignored, 6.6.31+rpt-rpi-v8, linux/arm/v7",
        "arm,   '',              6.1.21-v7l+,       linux/arm/v7",
        "arm,   '',              6.1.21-v7+,        linux/arm/v7",
        "arm,   '',              6.1.21+,           linux/arm/v6",
        "arm64, '',              6.1.21-v8+,        linux/arm64/v8",
    })
    void nodeVariantFromTheRaspberryPiKernelName(String arch, String ignored, String kernel, String expected) {
        assertEquals(expected, Platform.ofNode("linux", arch, kernel).toString());
    }
}

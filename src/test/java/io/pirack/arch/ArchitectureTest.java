package io.pirack.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the arrows of shared/DESIGN.md honest. Plain Jupiter tests calling {@code check}: the
 * ArchUnit JUnit engine was not picked up by Surefire here (it reported 0 tests), which would
 * make the rules silently pass.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.pirack");
    }

    @Test
    void coreIsPure() {
        CORE_IS_PURE.check(classes);
    }

    @Test
    void viewModelsDoNotBuildNodes() {
        VIEW_MODELS_DO_NOT_BUILD_NODES.check(classes);
    }

    @Test
    void adaptersDoNotKnowTheUi() {
        ADAPTERS_DO_NOT_KNOW_THE_UI.check(classes);
    }

    @Test
    void theNetworkScreenTalksThroughItsPort() {
        NETWORK_SCREEN_TALKS_THROUGH_ITS_PORT.check(classes);
    }

    @Test
    void uiTalksToTheClusterThroughTheKubeLayer() {
        UI_TALKS_THROUGH_THE_KUBE_LAYER.check(classes);
    }

    static final ArchRule CORE_IS_PURE = noClasses().that().resideInAPackage("io.pirack.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fabric8..", "net.schmizz..",
                    "com.hierynomus..", "tools.jackson..", "java.net.http..", "io.pirack.kube..", "io.pirack.sim..",
                    "io.pirack.ssh..", "io.pirack.net..", "io.pirack.plug..", "io.pirack.ui..", "io.pirack.app..")
            .because("core holds the rules of the domain as plain Java that every layer and test can use without I/O");

    static final ArchRule VIEW_MODELS_DO_NOT_BUILD_NODES = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("view models hold state and commands; only views build and bind scene-graph nodes");

    static final ArchRule ADAPTERS_DO_NOT_KNOW_THE_UI = noClasses().that().resideInAnyPackage("io.pirack.kube..",
                    "io.pirack.sim..", "io.pirack.ssh..", "io.pirack.net..", "io.pirack.plug..", "io.pirack.probe..",
                    "io.pirack.pi..", "io.pirack.tuning..", "io.pirack.timeline..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pirack.ui..", "javafx..")
            .because("adapters sit at the edge and are used by the UI and the CLI alike");

    static final ArchRule UI_TALKS_THROUGH_THE_KUBE_LAYER = noClasses().that().resideInAPackage("io.pirack.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "net.schmizz..", "com.hierynomus..")
            .because("views must not know whether the cluster is real or the rehearsal rack, nor how SSH works");

    static final ArchRule NETWORK_SCREEN_TALKS_THROUGH_ITS_PORT = noClasses().that()
            .resideInAnyPackage("io.pirack.ui.network..", "io.pirack.ui.common..")
            .should().dependOnClassesThat().resideInAnyPackage("io.pirack.net..", "io.pirack.ssh..", "io.pirack.probe..", "io.pirack.app..")
            .because("the Network screen reaches the booth-network adapters only through ui/network/NetworkBackend, implemented in app/");
}

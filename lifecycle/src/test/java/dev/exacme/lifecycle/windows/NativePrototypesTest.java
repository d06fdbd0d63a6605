package dev.exacme.lifecycle.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.acme.http01.windows.jna.HttpApi;
import dev.exacme.store.windows.JnaPrototypes;
import dev.exacme.store.windows.MingwCompiler;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prototype check of {@link JnaPrototypes} over the whole program: every function of every
 * JNA binding interface of acme-client, store-installer, exchange-deploy and lifecycle (the
 * modules on this module's class path), and every jna-platform function their bytecode calls,
 * against the Windows SDK headers. store-installer checks its own in {@code StorePrototypesTest};
 * this one adds http.sys (acme-client has no access to the compiler helper) and lifecycle's
 * calls, and makes sure that no source file of any module, cli included, uses JNA outside the
 * classes checked here.
 */
class NativePrototypesTest {

    /**
     * The http.sys functions whose first argument is an {@code HTTPAPI_VERSION} (two USHORTs)
     * passed by value, which {@code HttpApi} declares as the 32-bit integer x64 passes it as.
     */
    private static final Set<String> VERSION_FIRST = Set.of("HttpInitialize", "HttpCreateServerSession",
            "HttpCreateRequestQueue");

    @TempDir
    Path temp;

    private static JnaPrototypes.Prototype prototype(Method method) {
        var prototype = JnaPrototypes.of(method);
        if (method.getDeclaringClass() == HttpApi.class && VERSION_FIRST.contains(method.getName())) {
            return prototype.passingByValue(0, "HTTPAPI_VERSION");
        }
        return prototype;
    }

    private static Set<Method> bound() throws IOException {
        var functions = new LinkedHashSet<Method>();
        for (var root : JnaPrototypes.mainClassRoots()) {
            functions.addAll(JnaPrototypes.boundFunctions(root));
        }
        return functions;
    }

    @Test
    void everyFunctionTheProgramCallsHasTheHeadersPrototype() throws Exception {
        MingwCompiler.require();
        var prototypes = bound().stream().map(NativePrototypesTest::prototype).toList();

        var result = JnaPrototypes.check(temp, "program", prototypes);

        assertEquals(Set.of(), result.refused(), "these JNA declarations disagree with the Windows headers:\n"
                + result.output());
    }

    @Test
    void theScanCoversEveryModuleThatUsesJna() throws Exception {
        var roots = JnaPrototypes.mainClassRoots();
        var scanned = new TreeSet<String>();
        for (var root : roots) {
            scanned.addAll(JnaPrototypes.classNames(root));
        }
        var repository = repository();
        var outside = new ArrayList<String>();
        try (var modules = Files.list(repository)) {
            for (var sources : modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory)
                    .toList()) {
                try (var files = Files.walk(sources)) {
                    for (var file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                        if (!Files.readString(file).contains("com.sun.jna")) {
                            continue;
                        }
                        var relative = sources.relativize(file).toString().replace('\\', '/');
                        var name = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
                        if (!scanned.contains(name)) {
                            outside.add(repository.relativize(file).toString());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), outside, "JNA is used where this test does not look: extend it to that module");

        var names = bound().stream().map(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
                .collect(Collectors.toSet());
        for (var expected : List.of("HttpApi.HttpReceiveHttpRequest", "NCrypt.NCryptOpenKey",
                "Advapi32.RegisterEventSource", "EventLogApi.ReportEventW", "Kernel32.CreateDirectory",
                "Advapi32.GetSecurityDescriptorLength")) {
            assertTrue(names.contains(expected), expected + " not found in " + names);
        }
        // jna-platform's declares its WORD arguments as int; EventLogApi has the header's widths
        assertFalse(names.contains("Advapi32.ReportEvent"), "Advapi32.ReportEvent is called again");
    }

    /** The reactor's root: the nearest directory above this module with a pom.xml listing modules. */
    private static Path repository() throws IOException {
        var directory = Path.of("").toAbsolutePath();
        for (var candidate = directory.getParent(); candidate != null; candidate = candidate.getParent()) {
            var pom = candidate.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>lifecycle</module>")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no reactor above " + directory);
    }

    @Test
    void theRepositoryIsFound() throws IOException {
        assertFalse(JnaPrototypes.mainClassRoots().isEmpty());
        assertTrue(Files.isDirectory(repository().resolve("cli/src/main/java")));
    }
}

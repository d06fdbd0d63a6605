package dev.exacme.store.windows.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.exacme.store.windows.JnaPrototypes;
import dev.exacme.store.windows.MingwCompiler;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the prototype of every function store-installer calls through JNA against the Windows
 * SDK headers (see {@link JnaPrototypes}): every function of its own binding interfaces and
 * every jna-platform function its classes call, found in their bytecode, so that none can be
 * left out. A wrong argument count, a wrong width or a pointer where the header has an integer
 * (or the other way round) fails with the compiler naming the Java method.
 */
class StorePrototypesTest {

    @TempDir
    Path temp;

    static Set<Method> bound() throws Exception {
        return JnaPrototypes.boundFunctions(
                Path.of(NCrypt.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }

    @Test
    void everyBindingHasTheHeadersPrototype() throws Exception {
        MingwCompiler.require();
        var functions = bound();
        var prototypes = functions.stream().map(JnaPrototypes::of).toList();

        var result = JnaPrototypes.check(temp, "store", prototypes);

        assertEquals(Set.of(), result.refused(), "these JNA declarations disagree with the Windows headers:\n"
                + result.output());
    }

    @Test
    void theBytecodeScanFindsTheOwnBindingsAndTheJnaPlatformCalls() throws Exception {
        var names = bound().stream().map(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
                .collect(Collectors.toSet());
        for (var expected : List.of("NCrypt.NCryptOpenKey", "Crypt32Store.CryptAcquireCertificatePrivateKey",
                "CryptoApiKeys.CryptSetProvParam", "SecurityDescriptors.GetSecurityDescriptorDacl",
                "Crypt32.PFXImportCertStore", "Crypt32.CertEnumCertificatesInStore",
                "Advapi32.AdjustTokenPrivileges", "Advapi32.GetNamedSecurityInfo", "Kernel32.LocalFree")) {
            assertTrue(names.contains(expected), expected + " not found in " + names);
        }
    }
}

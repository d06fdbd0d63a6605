package dev.exacme.store.windows.jna;

import dev.exacme.store.windows.MingwCompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every constant of {@link StoreConstants} against the Windows SDK headers of mingw-w64.
 * Numbers: a C file of static assertions, one per public {@code int} field found by reflection
 * (so a new constant cannot be left unchecked), must compile with the x64 cross compiler
 * ({@code gcc-mingw-w64-x86-64}). Strings: the preprocessor must expand each macro to the same
 * wide literal. The bindings define no structures of their own (they use jna-platform's
 * {@code CERT_CONTEXT}, {@code DATA_BLOB} and {@code CRYPT_KEY_PROV_INFO}), so there is no layout
 * to check here.
 */
class StoreConstantsTest {

    private static final String HEADERS = """
            #include <windows.h>
            #include <wincrypt.h>
            #include <ncrypt.h>
            #include <sddl.h>
            #include <aclapi.h>
            #include <stdint.h>
            """;

    /** The C expression of a field whose name alone is not one. */
    private static final Map<String, String> EXPRESSIONS = Map.of(
            // #define CERT_STORE_PROV_SYSTEM_W ((LPCSTR) 10)
            "CERT_STORE_PROV_SYSTEM_W", "(intptr_t)CERT_STORE_PROV_SYSTEM_W");

    @TempDir
    Path temp;

    private static Map<String, Integer> numbers() throws IllegalAccessException {
        var numbers = new TreeMap<String, Integer>();
        for (Field field : constants()) {
            if (field.getType() == int.class) {
                numbers.put(field.getName(), field.getInt(null));
            }
        }
        return numbers;
    }

    private static Map<String, String> strings() throws IllegalAccessException {
        var strings = new TreeMap<String, String>();
        for (Field field : constants()) {
            if (field.getType() == String.class) {
                strings.put(field.getName(), (String) field.get(null));
            }
        }
        return strings;
    }

    private static List<Field> constants() {
        return Arrays.stream(StoreConstants.class.getDeclaredFields()).filter(field -> {
            var modifiers = field.getModifiers();
            return Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers);
        }).toList();
    }

    @Test
    void everyNumberMatchesTheWindowsHeaders() throws IOException, InterruptedException, IllegalAccessException {
        MingwCompiler.require();
        assertFalse(numbers().isEmpty());
        var expressions = new LinkedHashMap<String, Integer>();
        numbers().forEach((name, value) -> expressions.put(EXPRESSIONS.getOrDefault(name, name), value));
        var result = MingwCompiler.assertValues(temp, HEADERS, expressions);
        assertEquals(0, result.exit(), "StoreConstants disagrees with the Windows headers:\n" + result.output());
    }

    @Test
    void everyStringMatchesTheWindowsHeaders() throws IOException, InterruptedException, IllegalAccessException {
        MingwCompiler.require();
        var source = new StringBuilder(HEADERS);
        strings().keySet().forEach(name -> source.append("exacme_").append(name).append(" = ").append(name)
                .append(";\n"));
        var file = Files.writeString(temp.resolve("strings.c"), source);
        var result = MingwCompiler.run("-E", "-P", "-std=c11", file.toString());
        assertEquals(0, result.exit(), "preprocessing failed:\n" + result.output());
        var expansions = new TreeMap<String, String>();
        result.output().lines().map(String::strip).filter(line -> line.startsWith("exacme_")).forEach(line -> {
            var equals = line.indexOf(" = ");
            expansions.put(line.substring("exacme_".length(), equals),
                    line.substring(equals + 3, line.length() - 1).strip());
        });
        strings().forEach((name, value) -> assertEquals("L\"" + value + "\"", expansions.get(name),
                name + " disagrees with the Windows headers"));
    }
}

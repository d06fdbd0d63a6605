package dev.exacme.acme.http01.windows.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * Checks every value of {@link HttpApiLayout} against the Windows SDK headers of mingw-w64:
 * a C file of static assertions, one per value, must compile with the x64 cross compiler
 * ({@code gcc-mingw-w64-x86-64}). A wrong offset, size or constant fails the build with the
 * compiler naming it.
 */
class HttpApiLayoutTest {

    private static final Path COMPILER = Path.of("/usr/bin/x86_64-w64-mingw32-gcc");

    @TempDir
    Path temp;

    private static Map<String, Integer> expectations() {
        var checks = new LinkedHashMap<String, Integer>();
        checks.put("HTTP_INITIALIZE_SERVER", HttpApiLayout.HTTP_INITIALIZE_SERVER);
        checks.put("HttpServerBindingProperty", HttpApiLayout.HTTP_SERVER_BINDING_PROPERTY);
        checks.put("HttpVerbGET", HttpApiLayout.HTTP_VERB_GET);
        checks.put("HttpVerbHEAD", HttpApiLayout.HTTP_VERB_HEAD);
        checks.put("HttpHeaderContentType", HttpApiLayout.HTTP_HEADER_CONTENT_TYPE);
        checks.put("HttpDataChunkFromMemory", HttpApiLayout.HTTP_DATA_CHUNK_FROM_MEMORY);
        checks.put("NO_ERROR", HttpApiLayout.NO_ERROR);
        checks.put("ERROR_ACCESS_DENIED", HttpApiLayout.ERROR_ACCESS_DENIED);
        checks.put("ERROR_SHARING_VIOLATION", HttpApiLayout.ERROR_SHARING_VIOLATION);
        checks.put("ERROR_ALREADY_EXISTS", HttpApiLayout.ERROR_ALREADY_EXISTS);
        checks.put("ERROR_MORE_DATA", HttpApiLayout.ERROR_MORE_DATA);
        checks.put("ERROR_OPERATION_ABORTED", HttpApiLayout.ERROR_OPERATION_ABORTED);
        checks.put("sizeof(HTTPAPI_VERSION)", 4);
        checks.put("sizeof(HTTP_BINDING_INFO)", HttpApiLayout.BINDING_INFO_SIZE);
        checks.put("offsetof(HTTP_BINDING_INFO, Flags)", HttpApiLayout.BINDING_INFO_FLAGS);
        checks.put("offsetof(HTTP_BINDING_INFO, RequestQueueHandle)", HttpApiLayout.BINDING_INFO_QUEUE);
        checks.put("sizeof(HTTP_REQUEST_V1)", HttpApiLayout.REQUEST_SIZE);
        checks.put("offsetof(HTTP_REQUEST_V1, RequestId)", HttpApiLayout.REQUEST_ID);
        checks.put("offsetof(HTTP_REQUEST_V1, Verb)", HttpApiLayout.REQUEST_VERB);
        checks.put("offsetof(HTTP_REQUEST_V1, CookedUrl.AbsPathLength)", HttpApiLayout.REQUEST_ABS_PATH_LENGTH);
        checks.put("offsetof(HTTP_REQUEST_V1, CookedUrl.pAbsPath)", HttpApiLayout.REQUEST_ABS_PATH);
        checks.put("sizeof(HTTP_RESPONSE_V1)", HttpApiLayout.RESPONSE_SIZE);
        checks.put("offsetof(HTTP_RESPONSE_V1, StatusCode)", HttpApiLayout.RESPONSE_STATUS_CODE);
        checks.put("offsetof(HTTP_RESPONSE_V1, ReasonLength)", HttpApiLayout.RESPONSE_REASON_LENGTH);
        checks.put("offsetof(HTTP_RESPONSE_V1, pReason)", HttpApiLayout.RESPONSE_REASON);
        checks.put("offsetof(HTTP_RESPONSE_V1, Headers.KnownHeaders)", HttpApiLayout.RESPONSE_KNOWN_HEADERS);
        checks.put("sizeof(HTTP_KNOWN_HEADER)", HttpApiLayout.KNOWN_HEADER_SIZE);
        checks.put("offsetof(HTTP_KNOWN_HEADER, RawValueLength)", HttpApiLayout.KNOWN_HEADER_LENGTH);
        checks.put("offsetof(HTTP_KNOWN_HEADER, pRawValue)", HttpApiLayout.KNOWN_HEADER_VALUE);
        checks.put("offsetof(HTTP_RESPONSE_V1, EntityChunkCount)", HttpApiLayout.RESPONSE_ENTITY_CHUNK_COUNT);
        checks.put("offsetof(HTTP_RESPONSE_V1, pEntityChunks)", HttpApiLayout.RESPONSE_ENTITY_CHUNKS);
        checks.put("sizeof(HTTP_DATA_CHUNK)", HttpApiLayout.DATA_CHUNK_SIZE);
        checks.put("offsetof(HTTP_DATA_CHUNK, DataChunkType)", HttpApiLayout.DATA_CHUNK_TYPE);
        checks.put("offsetof(HTTP_DATA_CHUNK, FromMemory.pBuffer)", HttpApiLayout.DATA_CHUNK_BUFFER);
        checks.put("offsetof(HTTP_DATA_CHUNK, FromMemory.BufferLength)", HttpApiLayout.DATA_CHUNK_BUFFER_LENGTH);
        return checks;
    }

    @Test
    void everyValueMatchesTheWindowsHeaders() throws IOException, InterruptedException {
        if (!Files.isExecutable(COMPILER)) {
            var hint = COMPILER + " is missing: apt-get install gcc-mingw-w64-x86-64-win32 mingw-w64-common";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(hint);
            }
            throw new TestAbortedException(hint);
        }
        var source = new StringBuilder("""
                #define WIN32_LEAN_AND_MEAN
                #include <windows.h>
                #include <http.h>
                #include <stddef.h>
                """);
        expectations().forEach((expression, value) -> source.append("_Static_assert((").append(expression)
                .append(") == ").append(value).append(", \"").append(expression.replace("\"", "")).append(" is not ")
                .append(value).append("\");\n"));
        var file = Files.writeString(temp.resolve("layout.c"), source);
        var compile = new ProcessBuilder(COMPILER.toString(), "-fsyntax-only", "-std=c11", file.toString())
                .redirectErrorStream(true).start();
        var output = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        compile.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, compile.exitValue(), "HttpApiLayout disagrees with http.h:\n" + output);
    }
}

package dev.exacme.exchange.dnsserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exacme.exchange.powershell.PowerShellRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A Windows DNS server for tests: {@code fake-dnsserver.py} (python3 standing in for
 * powershell.exe with the DnsServer module) and its state file, copied into a directory of
 * the test. Shared with the other modules' tests through this module's test jar.
 */
public final class FakeDnsServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path script;
    private final Path state;

    private FakeDnsServer(Path script, Path state) {
        this.script = script;
        this.state = state;
    }

    /** A server holding {@code zones} (names of primary zones), answering to {@code servers} as -ComputerName. */
    public static FakeDnsServer in(Path directory, List<String> zones, List<String> servers) throws IOException {
        var script = directory.resolve("fake-dnsserver.py");
        try (InputStream in = Objects.requireNonNull(FakeDnsServer.class.getResourceAsStream(
                "/dnsserver/fake-dnsserver.py"), "fake-dnsserver.py on the test class path")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        var state = JSON.createObjectNode();
        var list = state.putArray("zones");
        for (var zone : zones) {
            list.addObject().put("ZoneName", zone).put("ZoneType", "Primary").put("IsAutoCreated", false)
                    .put("IsReverseLookupZone", false).put("IsDsIntegrated", true);
        }
        // What a domain controller's DNS server lists besides: zones it made itself.
        list.addObject().put("ZoneName", "0.in-addr.arpa").put("ZoneType", "Primary").put("IsAutoCreated", true)
                .put("IsReverseLookupZone", true).put("IsDsIntegrated", false);
        list.addObject().put("ZoneName", "TrustAnchors").put("ZoneType", "Primary").put("IsAutoCreated", false)
                .put("IsReverseLookupZone", false).put("IsDsIntegrated", true);
        state.putObject("records");
        state.putArray("calls");
        var known = state.putArray("servers");
        servers.forEach(known::add);
        var fake = new FakeDnsServer(script, directory.resolve("dnsserver-state.json"));
        fake.write(state);
        return fake;
    }

    /** The command that stands in for powershell.exe: {@code python3 fake-dnsserver.py STATE}. */
    public List<String> powershell() {
        return List.of("python3", script.toString(), state.toString());
    }

    /**
     * A one-file program for {@code --windows-dns-powershell}: a shell script that runs the fake
     * with this state, passing on the runner's arguments.
     */
    public Path program() throws IOException {
        var program = state.resolveSibling("powershell.sh");
        Files.writeString(program, "#!/bin/sh\nexec python3 '" + script + "' '" + state + "' \"$@\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        return program;
    }

    /** A runner whose powershell.exe is the fake. */
    public PowerShellRunner runner() {
        return new PowerShellRunner(powershell(), Duration.ofSeconds(30));
    }

    /** The state as the fake left it. */
    public ObjectNode state() throws IOException {
        return (ObjectNode) JSON.readTree(state.toFile());
    }

    /** Changes the state, e.g. {@code state.put("deny", true)}. */
    public void write(JsonNode changed) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(state.toFile(), changed);
    }

    /** Sets one flag of the state. */
    public void set(String flag, boolean value) throws IOException {
        var changed = state();
        changed.put(flag, value);
        write(changed);
    }

    /** Makes every added and removed value also an RFC 2136 update of a real DNS server. */
    public void nsupdate(String server, int port, String key, String secret) throws IOException {
        var changed = state();
        changed.putObject("nsupdate").put("server", server).put("port", port).put("key", key).put("secret", secret);
        write(changed);
    }

    /** The cmdlet calls so far, with their decoded arguments. */
    public List<JsonNode> calls() throws IOException {
        var calls = new java.util.ArrayList<JsonNode>();
        state().path("calls").forEach(calls::add);
        return calls;
    }

    /** The TXT values the server holds at {@code name} (relative) in {@code zone}. */
    public List<String> txt(String zone, String name) throws IOException {
        var values = new java.util.ArrayList<String>();
        state().path("records").path(zone.toLowerCase(java.util.Locale.ROOT) + "|"
                + name.toLowerCase(java.util.Locale.ROOT)).forEach(value -> values.add(value.asText()));
        return values;
    }
}

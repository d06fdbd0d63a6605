package dev.exacme.cli.managed;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code exacme remove NAME}: stops managing a certificate; what is installed stays. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Stops renewing a managed certificate (its definition and state are deleted). The installed"
                + " certificate stays where it is: 'exacme store remove' removes it.",
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE})
public final class RemoveCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Override
    public Integer call() throws InvalidRequest, IOException, ManagedCertificates.UnreadableFile {
        var managed = new ManagedCertificates(global.configDirectory());
        managed.require(name);
        var state = managed.state(name);
        managed.remove(name);
        var console = global.console();
        var document = console.newDocument();
        document.put("removed", name);
        document.put("thumbprint", state.thumbprint());
        console.result(document, "No longer managing " + name + (state.thumbprint() == null ? ""
                : "; certificate " + state.thumbprint() + " stays installed") + ".\n");
        return 0;
    }
}

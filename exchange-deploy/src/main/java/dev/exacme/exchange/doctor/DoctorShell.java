package dev.exacme.exchange.doctor;

import dev.exacme.exchange.powershell.PowerShellFailure;

/**
 * What the doctor reads beyond the deployment's {@link dev.exacme.exchange.deploy.ExchangeShell}:
 * one read-only script per server. {@link PowerShellDoctorShell} runs it in Windows PowerShell.
 */
public interface DoctorShell {

    /** The certificates with their chains, the Auth configuration and the settings of {@code server}. */
    ServerInventory inventory(String server) throws PowerShellFailure;
}

package dev.exacme.exchange.certificates;

/**
 * IMAP4 and POP3 on Exchange: which certificate they present is chosen by the name in their
 * settings ({@code X509CertificateName}), among the certificates enabled for them, and read
 * when their services start.
 */
public enum MailProtocol {
    /** IMAP4: {@code Get/Set-ImapSettings}, services MSExchangeIMAP4 and MSExchangeIMAP4BE, port 993. */
    IMAP(ExchangeService.IMAP, "ImapSettings", 993, "MSExchangeIMAP4", "MSExchangeIMAP4BE"),
    /** POP3: {@code Get/Set-PopSettings}, services MSExchangePOP3 and MSExchangePOP3BE, port 995. */
    POP(ExchangeService.POP, "PopSettings", 995, "MSExchangePOP3", "MSExchangePOP3BE");

    private final ExchangeService service;
    private final String settings;
    private final int tlsPort;
    private final String frontEnd;
    private final String backEnd;

    MailProtocol(ExchangeService service, String settings, int tlsPort, String frontEnd, String backEnd) {
        this.service = service;
        this.settings = settings;
        this.tlsPort = tlsPort;
        this.frontEnd = frontEnd;
        this.backEnd = backEnd;
    }

    /** The Exchange service flag. */
    public ExchangeService service() {
        return service;
    }

    /** The noun of its settings cmdlets ({@code Get-ImapSettings}). */
    public String settings() {
        return settings;
    }

    /** Its implicit-TLS port. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The Windows services that must restart to present another certificate. */
    public java.util.List<String> windowsServices() {
        return java.util.List.of(frontEnd, backEnd);
    }
}

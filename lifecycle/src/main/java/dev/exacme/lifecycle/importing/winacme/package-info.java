/**
 * win-acme and simple-acme renewals, read (never written) and mapped to exacme definitions.
 *
 * <h2>FORMAT</h2>
 *
 * <p>Learnt from the public sources: win-acme {@code 4296325e} (June 2024, after v2.2.9.1701;
 * {@code src/main.lib}, {@code src/plugin.*}, {@code dist/Scripts}, and v2.1.23 for the
 * Newtonsoft era), its documentation site {@code win-acme.github.io} {@code 72ef04e0}, and
 * simple-acme {@code 7be06feb} (August 2026, after v2.4.0) with its published
 * {@code schema/renewal.json}. Nothing here has been run against files written by a real
 * win-acme on Windows: not yet run on Windows.
 *
 * <h3>Where</h3>
 * {@code %ProgramData%\win-acme} ({@code %ProgramData%\simple-acme} for simple-acme; its Linux
 * build uses {@code /usr/share/simple-acme}) holds one directory per ACME server, named by
 * {@code StringExtensions.CleanUri}: the BaseUri without scheme and user info, with the
 * characters not allowed in file names removed ({@code / : * ? " < > |} and {@code \} on Windows,
 * only {@code /} on Linux), e.g. {@code acme-v02.api.letsencrypt.org} for
 * {@code https://acme-v02.api.letsencrypt.org/}. That cannot be reversed, so the BaseUri is
 * found by cleaning candidates the same way: simple-acme's per-renewal {@code EndPoint}, then
 * {@code Acme.DefaultBaseUri} and {@code Acme.DefaultBaseUriTest} of {@code settings.json},
 * then well-known CAs. win-acme asks the server for {@code BaseUri + "directory"} first and
 * then for the BaseUri itself ({@code AcmeClientManager.EnsureServiceDirectory}); exacme takes
 * the first for a BaseUri ending in {@code /} and the BaseUri itself otherwise (ZeroSSL,
 * Pebble). In each server directory ({@code RenewalStoreDisk}): {@code *.renewal.json} (also
 * in sub-directories), {@code Registration_v2} (or {@code NAME.Registration_v2} for a named
 * {@code Account}: ACMESharp's {@code AccountDetails}, {@code Payload.Contact} holding
 * {@code mailto:} addresses and {@code Payload.TermsOfServiceAgreed}), {@code Signer_v2} (the
 * account key, DPAPI-protected: not read), {@code Certificates\} (the cache:
 * {@code ID-KEY-temp.pfx}, legacy {@code ID-cache.pfx}, protected by the renewal's
 * {@code PfxPasswordProtected}), {@code secrets.json} (the {@code vault://json/} store) and
 * for simple-acme a server-level {@code settings.json}. win-acme's own {@code settings.json}
 * lives beside {@code wacs.exe} ({@code VersionService.SettingsPath}); it is read when given,
 * or when found in the data directory. Settings are layered most specific first: the
 * renewal's {@code Settings} (simple-acme), the server's, the global one; a {@code null}
 * value falls through, as simple-acme's {@code InheritSettings} does. Property names are
 * matched case-insensitively ({@code PropertyNameCaseInsensitive = true}).
 *
 * <h3>A renewal file</h3>
 * System.Text.Json since 2.2, Newtonsoft before; neither writes {@code $type}: each plugin's
 * options carry a {@code Plugin} GUID ({@code PluginOptionsConverter}), the only plugin
 * identity read here (the table is {@code WinAcmePlugin}).
 * simple-acme adds {@code $schema}, {@code EndPoint} and {@code Settings}, allows a single
 * object where a list of store or installation options is expected (as win-acme before 2.0.7
 * wrote it), moves manual and script validation to "any challenge" (script options gain
 * {@code ChallengeType}, {@code dns-01} when absent) and adds {@code IsRootPath} to file
 * validation. Fields read:
 * <ul>
 * <li>{@code Id} (a ShortGuid; must equal the file name, else win-acme skips the file and so
 *     does this import), {@code FriendlyName} (the user's), {@code LastFriendlyName}
 *     (generated, e.g. {@code [Manual] mail.example.com}), {@code Account}.</li>
 * <li>{@code TargetPluginOptions}: manual {@code CommonName}, {@code AlternativeNames}; IIS
 *     {@code CommonName}, {@code IncludeHosts}, {@code ExcludeHosts}, {@code IncludeSiteIds},
 *     {@code IncludePattern}, {@code IncludeRegex}; the legacy IIS binding ({@code SiteId},
 *     {@code Host}), site ({@code SiteId}) and sites ({@code SiteIds}) shapes.</li>
 * <li>{@code ValidationPluginOptions}: self-hosting {@code Port}, {@code Https}; file system
 *     {@code Path}, {@code SiteId}, {@code CopyWebConfig}, {@code IsRootPath}; DNS script
 *     {@code Script}/{@code CreateScript}/{@code DeleteScript} and their {@code ...Arguments}
 *     (default {@code create {Identifier} {RecordName} {Token}}); acme-dns {@code BaseUri}
 *     (its registrations are {@code DOMAIN.json} files under {@code acme-dns\CLEANURI\} beside
 *     or above the server directory); Azure {@code AzureEnvironment}, {@code UseMsi},
 *     {@code TenantId}, {@code ClientId}, {@code SecretSafe}, {@code SubscriptionId},
 *     {@code ResourceGroupName} (obsolete since 2.2, which searches the subscription),
 *     {@code HostedZone}; Cloudflare {@code ApiToken}; Route 53 {@code AccessKeyId},
 *     {@code SecretAccessKeySafe}, {@code IAMRole}, simple-acme's {@code ARNRole},
 *     {@code Region}; RFC 2136 {@code ServerHost}, {@code ServerPort}, {@code TsigKeyName},
 *     {@code TsigKeySecret}, {@code TsigKeyAlgorithm} (ARSoft's names, MD5 when absent).</li>
 * <li>{@code CsrPluginOptions}: RSA or EC by GUID, {@code ReusePrivateKey},
 *     {@code OcspMustStaple}; the key size and curve are settings, not renewal fields:
 *     {@code Csr.Rsa.KeyBits} (3072) and {@code Csr.Ec.CurveName} ({@code secp384r1}).</li>
 * <li>{@code OrderPluginOptions}: single (default), or domain/host/site, which split a renewal
 *     into several certificates.</li>
 * <li>{@code StorePluginOptions} (a list): certificate store {@code StoreName} (else
 *     {@code Store.CertificateStore.DefaultStore}, else WebHosting on IIS 8+, else My),
 *     {@code KeepExisting}, {@code AclFullControl}, {@code AclRead} (win-acme resolves
 *     {@code administrators} and {@code network service} to SIDs itself), with
 *     {@code Store.CertificateStore.PrivateKeyExportable} and {@code UseNextGenerationCryptoApi};
 *     PEM files {@code Path} (else {@code Store.PemFiles.DefaultPath}), {@code FileName} (else
 *     the common name, {@code *} as {@code _}), {@code PemPassword}, written as
 *     {@code NAME-crt.pem}, {@code NAME-key.pem}, {@code NAME-chain.pem},
 *     {@code NAME-chain-only.pem}; PFX file {@code Path}, {@code FileName},
 *     {@code PfxPassword} (else {@code Store.PfxFile.DefaultPassword}), written as
 *     {@code PATH\NAME.pfx}, 3DES unless {@code Store.PfxFile.DefaultProtectionMode} says
 *     otherwise; central SSL {@code Path}, {@code PfxPasswordProtected}.</li>
 * <li>{@code InstallationPluginOptions} (a list): IIS {@code SiteId}, {@code NewBindingIp},
 *     {@code NewBindingPort} (the IIS source's sites win over {@code SiteId}); script
 *     {@code Script}, {@code ScriptParameters} with {@code {CertCommonName}} ({@code {0}}),
 *     {@code {CachePassword}} ({@code {1}}), {@code {CacheFile}} ({@code {2}}),
 *     {@code {StorePath}} ({@code {3}}), {@code {CertFriendlyName}} ({@code {4}}),
 *     {@code {CertThumbprint}} ({@code {5}}), {@code {CacheFolder}} ({@code {6}}),
 *     {@code {RenewalId}} ({@code {7}}), {@code {StoreType}}, {@code {OldCertCommonName}},
 *     {@code {OldCertFriendlyName}}, {@code {OldCertThumbprint}} and {@code {vault://...}},
 *     replaced in the text before it is parsed; a {@code .ps1} runs as
 *     {@code powershell -command "&{&'SCRIPT' PARAMETERS; exit $LastExitCode}"}, so its
 *     parameters are PowerShell syntax, anything else gets them as its Windows command line
 *     ({@code ScriptClient}); the timeout is {@code Script.Timeout} (600 s). The Exchange
 *     script {@code ImportExchange.v2.ps1} (and {@code ImportExchange.ps1}) takes
 *     {@code NewCertThumbprint} (position 0), {@code ExchangeServices} (1),
 *     {@code LeaveOldExchangeCerts} (2, default 1), {@code CacheFile} (4),
 *     {@code PfxPassword} (5), {@code FriendlyName} (6) and runs
 *     {@code Enable-ExchangeCertificate -Services S -Force}, documented as
 *     {@code '{CertThumbprint}' 'IIS,SMTP,IMAP' 1 '{CacheFile}' '{CachePassword}' '{CertFriendlyName}'}.</li>
 * <li>{@code History}: {@code Date}, {@code Success}, {@code OrderResults} ({@code Name},
 *     {@code Thumbprint}, {@code ExpireDate}, {@code Missing}, {@code Revoked}), the legacy
 *     {@code Thumbprints} and {@code ExpireDate}; the last successful entry is the current
 *     certificate. Dates are .NET round-trip text, with or without an offset.</li>
 * </ul>
 *
 * <p>Protected strings ({@code ProtectedString}) are {@code enc-BASE64} (DPAPI, machine
 * scope), {@code clear-TEXT}, plain base64 (with {@code Security.EncryptConfig} off) or a
 * vault reference {@code vault://json/KEY} ({@code secrets.json}, protected the same way);
 * simple-acme adds {@code vault://environment/VARIABLE} and {@code vault://script/...}. None is
 * decoded: each becomes {@code secret:NAME} and a
 * {@link dev.exacme.lifecycle.importing.RequiredSecret}, except an environment reference,
 * which becomes {@code env:VARIABLE}.
 *
 * <p>Global settings that do not change a certificate (user interface, notification mail,
 * proxy, the CSR signature algorithm) are not reported.
 */
package dev.exacme.lifecycle.importing.winacme;

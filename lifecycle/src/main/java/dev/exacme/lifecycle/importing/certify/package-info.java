/**
 * {@code exacme import certify}: Certify The Web's managed certificates as exacme definitions
 * ({@link dev.exacme.lifecycle.importing.certify.CertifyDatabase}). Not yet run on Windows.
 *
 * <h2>FORMAT</h2>
 *
 * <p>Learnt from Certify's public source: webprofusion/certify at 81d83420 (2024-10-17, version
 * 7.0.0 in Directory.Build.props) and webprofusion/certify-plugins at 74fb6a4b (2024-03-18).
 *
 * <ul>
 * <li>{@code %ProgramData%\certify\manageditems.db}, SQLite, in WAL mode (the connection string
 * sets {@code journal_mode=WAL}): one table, created by certify-plugins
 * src/DataStores/SQLite/SQLiteManagedItemStore.cs as
 * {@code CREATE TABLE manageditem (id TEXT NOT NULL UNIQUE PRIMARY KEY, json TEXT NOT NULL)};
 * databases from before 2022 (certify src/Certify.Core/Management/ItemManager.cs, removed in
 * aaee1c17) also have {@code parentid TEXT NULL}, which is not read. Each {@code json} is a
 * {@code ManagedCertificate} written by Newtonsoft.Json: PascalCase names, enums as numbers,
 * DateTimeOffset as ISO-8601 with offset, nulls left out or written. The row id wins over the
 * document's {@code Id}, as in Certify's loader.</li>
 * <li>The document (src/Certify.Models/Config/ManagedCertificate.cs, CertRequestConfig.cs,
 * DeploymentTaskConfig.cs, ProviderParameter.cs): {@code Name}, {@code ItemType} (1 ACME, 2
 * manual, 3 externally managed), {@code IncludeInAutoRenew}, {@code CertificateAuthorityId}
 * (null: appsettings.json's {@code DefaultCertificateAuthority}, else {@code letsencrypt.org}),
 * {@code UseStagingMode}, {@code ServerSiteId} (the IIS site id, written beside its twin
 * {@code GroupId}), {@code CertificatePath} (Certify's PFX), {@code CertificateThumbprintHash},
 * {@code DateStart}, {@code DateExpiry}, {@code CertificateRevoked},
 * {@code CertificatePasswordCredentialId}, {@code PreRequestTasks} and {@code PostRequestTasks}
 * ({@code TaskTypeId}, {@code TaskName}, {@code TaskTrigger} 0 disabled, 1 any status, 2 on
 * success, 4 on error, 5 on task error, 8 manual, {@code ChallengeProvider} the account it runs as,
 * {@code Parameters} [{@code Key}, {@code Value}]), and {@code RequestConfig}: {@code PrimaryDomain},
 * {@code SubjectAlternativeNames}, {@code SubjectIPAddresses}, {@code CSRKeyAlg} (RS256,
 * RS256_3072, RS256_4096, ECDSA256, ECDSA384, ECDSA521; null: appsettings.json's
 * {@code DefaultKeyType}), {@code ReusePrivateKey}, {@code CustomCSR}, {@code CustomPrivateKey},
 * {@code PreferredChain}, {@code DeploymentSiteOption} (5 Auto, 10 SingleSite, 20 AllSites, 30
 * store only, 40 no deployment), {@code DeploymentBindingOption} (10 add or update, 20 update only),
 * {@code PerformAutomatedCertBinding}, {@code BindingIPAddress}, {@code BindingPort},
 * {@code BindingUseSNI}, {@code PerformExtensionlessConfigChecks}, {@code PerformChallengeFileCopy},
 * the legacy {@code ChallengeType}, {@code Pre}/{@code PostRequestPowerShellScript} and
 * {@code WebhookUrl}/{@code WebhookTrigger} (which Certify turns into tasks when it starts), and
 * {@code Challenges} ({@code ChallengeType}, {@code ChallengeProvider} such as
 * {@code DNS01.API.Cloudflare}, {@code ChallengeCredentialKey}, {@code DomainMatch},
 * {@code ChallengeRootPath}, {@code ChallengeDelegationRule}, {@code Parameters}: only a
 * provider's settings marked {@code IsCredential=false}, such as {@code zoneid} and
 * {@code propagationdelay}). Which configuration a name gets is ManagedCertificate.GetChallengeConfig,
 * ported in {@link dev.exacme.lifecycle.importing.certify.ChallengeMapping}.</li>
 * <li>Task types and their parameters (certify-plugins src/DeploymentTasks/Core/Providers):
 * {@code ...DeploymentTasks.Exchange} ({@code services}, default POP,IMAP,SMTP,IIS, run by
 * Assets/Exchange.ps1 as {@code Enable-ExchangeCertificate -Force}), {@code ...Powershell}
 * ({@code scriptpath}, {@code inputresult}: pass {@code $result}, {@code args}
 * {@code a=1;b=2}, {@code timeout} minutes), {@code ...ShellExecute} ({@code path},
 * {@code args}), {@code ...CertificateExport} ({@code path}, {@code type} pfxfull, pemcrt,
 * pemkey...), {@code ...SetCertificateKeyPermissions} ({@code account}, {@code permission}), and
 * in certify src/Certify.Core/Management/DeploymentTasks/Core {@code ...CertificateStore}
 * ({@code storetype}, {@code friendlyname}).</li>
 * <li>Beside the database (src/Certify.Core/Management/SettingsManager.cs,
 * src/Certify.Shared/Utils/ServiceConfigManager.cs): {@code appsettings.json}
 * ({@code EnableHttpChallengeServer}, {@code DefaultCertificateAuthority}, {@code DefaultKeyType},
 * {@code UseModernPFXAlgs}), {@code serviceconfig.json} ({@code HttpChallengeServerPort}, default
 * 80: Certify's http.sys listener on {@code http://+:PORT/.well-known/acme-challenge/}),
 * {@code ca.json} (custom CAs: {@code Id}, {@code ProductionAPIEndpoint},
 * {@code StagingAPIEndpoint}, {@code AllowUntrustedTls}, {@code RequiresExternalAccountBinding});
 * the built-in CAs are in src/Certify.Models/CertificateAuthorities/Definitions.</li>
 * <li>Stored credentials are in {@code cred.db} (not credentials.db): table
 * {@code credential (id, json, protectedvalue)}, the value DPAPI-protected with
 * CurrentUser scope for Certify's service account (certify-plugins SQLiteCredentialStore.cs).
 * Only {@code id} and the summary {@code json} (Title, ProviderType) are read, for the secrets'
 * descriptions; {@code protectedvalue} is never selected. A provider's credential settings are
 * all in there, which is why Azure DNS (tenant, client, subscription, resource group) and RFC 2136
 * (TSIG key name) cannot be mapped and are refused with the {@code exacme add} options to use.</li>
 * </ul>
 *
 * <p>Decisions: an item with auto-renewal off is refused (exacme has no paused definitions); the
 * definition agrees to the CA's terms of service, as the administrator did when registering
 * Certify's account with that CA; exacme registers an account of its own (Certify's key stays with
 * Certify); an Exchange task deploys to the computer the deployment runs on (no server is written,
 * as Certify's task has none); the IIS, Exchange and script targets take their timeouts and how
 * long superseded certificates are kept from the ImportDefaults, as they do the contact addresses,
 * which Certify keeps with its accounts, not its items. Tasks that run only after a failure, by
 * hand, or before a request, and tasks of types exacme has no target for, are said and left out.
 */
package dev.exacme.lifecycle.importing.certify;

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Kura::Models</name>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>A copy of a generation: %1 region, %2 state of the copy</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replicated after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2, %3 of %4 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running (stalled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>Progress of a job: percentage done</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled run refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily, %1 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly, %1 %2 UTC</source>
        <extracomment>%1 is a weekday, %2 a time range such as 08:00-16:00</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On demand only</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 storage, %2, kept %3, %4</source>
        <extracomment>Plan in one line: %1 storage, %2 schedule, %3 retention, %4 content</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <extracomment>Transfer rate, %1 is a size such as &quot;12.5 MB&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has used %1 of %2 backups allowed in 24 hours. The next backup is possible at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup of this server is already queued or running (job %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup of the other kind is running on this server (job %1); system and file backups never run together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A restore into this server is running (job %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup of the target server is running (job %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generations of this server are inside their minimum retention until %1 and cannot be deleted before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan of this server has no schedule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot do this now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant, user or password is wrong, or the session has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role does not allow this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It no longer exists on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the value of &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s state does not allow this now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported an error (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-Storage Pair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unprotected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flavor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session has ended. Log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>storage state of a region</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the generation has no copy to read from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the storage region of the local copy is marked failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the remote copy may be used only while the local region is failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is in the region of the remote copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is in another region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its plan is different</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its flavor or the source&apos;s is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has another flavor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its operating system or the source&apos;s is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it runs another operating system version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server refuses it (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <extracomment>Separator between the reasons a restore target is refused</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not estimated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <extracomment>Plan menu of a server on the Usage page: storage, timing, minimum retention</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not estimated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated Charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>An estimated charge: amount, currency code (&quot;12,345 JPY&quot;)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n generation(s) waiting)</source>
        <extracomment>Replication lag of a region: %1 is the age of the oldest copy still waiting, such as &quot;3 h 05 min&quot;</extracomment>
        <translation>
            <numerusform>%1 (%n generation waiting)</numerusform>
            <numerusform>%1 (%n generations waiting)</numerusform>
        </translation>
    </message>
    <message>
        <source>No region keeps its double-storage copies in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>Every double-storage copy of this tenant from %1 has arrived in %2. Copies should arrive within %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Double-storage copies of this tenant from %1 into %2: %n generation(s) waiting; the oldest finished at %3 and is past the target of %4.</source>
        <translation>
            <numerusform>Double-storage copies of this tenant from %1 into %2: %n generation waiting; it finished at %3 and is past the target of %4.</numerusform>
            <numerusform>Double-storage copies of this tenant from %1 into %2: %n generations waiting; the oldest finished at %3 and is past the target of %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Double-storage copies of this tenant from %1 into %2: %n generation(s) waiting; the oldest finished at %3. Copies should arrive within %4.</source>
        <translation>
            <numerusform>Double-storage copies of this tenant from %1 into %2: %n generation waiting; it finished at %3. Copies should arrive within %4.</numerusform>
            <numerusform>Double-storage copies of this tenant from %1 into %2: %n generations waiting; the oldest finished at %3. Copies should arrive within %4.</numerusform>
        </translation>
    </message>
    <message>
        <source>How long the oldest double-storage copy of your servers has been waiting to arrive in the region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replication Lag</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Models::RestoreSearchModel</name>
    <message>
        <source>The folder %1 with everything in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Models::RestoreSelectionModel</name>
    <message>
        <source>The folder %1 with everything in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Models::RestoreTargetsModel</name>
    <message>
        <source>%1 (the original server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - not possible: %2</source>
        <extracomment>A restore target the policy refuses: server name, then the reasons</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot receive this restore: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is offline; the restore starts when its agent connects, or fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; can receive this restore.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Models::RestoreTreeModel</name>
    <message>
        <source>Loading...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be listed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (only the first entries are shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::ApiKeysPanel</name>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its user&apos;s role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create API Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For example: nightly CI job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key acts as you, but never does more than its role allows: viewers read, operators also run and stop backups and restores, administrators may do everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API Key &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the key now: it is shown only this once. Use it as the bearer token (kuractl --token, or the Authorization header).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key is copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke API Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the API key &quot;%1&quot;? Everything that uses it stops working at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only administrators manage API keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server to manage its API keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API keys let scripts and other programs use this server&apos;s API without a password. Each key acts as the administrator who made it, limited to its role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Key...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an API key; its secret is shown once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the selected key; it stops working at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the API keys from the server again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::ConnectionBanner</name>
    <message>
        <source>The connection to the server &quot;%1&quot; is lost: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s).</source>
        <translation>
            <numerusform>Trying again in %n second.</numerusform>
            <numerusform>Trying again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Try Again Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the server again without waiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::Console</name>
    <message>
        <source>This build of the console has no embedded server. Connect to a Kura server by its address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This console runs a local server with its data in &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local server could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the local server...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n open alert(s)</source>
        <extracomment>Status bar: alerts nobody has acknowledged yet (see the Alerts tab of the Servers page)</extracomment>
        <translation>
            <numerusform>%n open alert</numerusform>
            <numerusform>%n open alerts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::DrView</name>
    <message>
        <source>Standing by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state of disaster recovery cannot be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the state of disaster recovery...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disaster recovery is not configured on this backup server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once it is, the server keeps a copy of its catalog (servers, plans, generations and jobs) away from itself, and this page shows the recovery state, each step of a recovery and how old the last copy of the catalog is. The backups themselves are protected by double storage (see Regions).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last copy of the catalog: %1 (%2 ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog has not been copied yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server for the state of disaster recovery again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disaster Recovery</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::EnrollmentDialog</name>
    <message>
        <source>Save Agent Package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent packages (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent package cannot be saved to &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to &quot;%1&quot;. Copy it to the new server and run there:
kura-agent enroll --package %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke Enrollment Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke enrollment token %1? No agent can enroll with it afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enroll a Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new server joins with a one-time enrollment token. Create a token for the server&apos;s region, save the agent package and run the agent&apos;s enrollment with it on the new server; it then appears in the server list as unprotected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region the new server is in; only regions with backup service are offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Valid for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the token works (1 to 720 hours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create Token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a one-time enrollment token and its agent package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token %1 for region %2 works until %3. It is shown only now: save the agent package before closing this dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Package...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the agent package (a ZIP with the server&apos;s addresses, its certificate fingerprint and the token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the new server, run: kura-agent enroll --package FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrollment tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolled Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the selected unused token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::JobDetailsDialog</name>
    <message>
        <source>Job %1 has no log entries yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the log...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::JobsView</name>
    <message>
        <source>Stop Job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is being stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected queued or running job (Ctrl+.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the jobs from the server now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued and running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed and interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log of the selected job:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::LoginDialog</name>
    <message>
        <source>Enter the address of the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with http:// or https:// and name a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to a Kura backup server. Your role in the tenant decides what you can change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s address with http:// or https:// and the port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant whose servers you manage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;Local Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the embedded server on this computer and manage this computer&apos;s backups</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::MainWindow</name>
    <message>
        <source>Protected and unprotected servers, their plans and state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued, running and finished backups and restores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore files or a system from a generation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every job of the last 14 days, with filter and CSV export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected data volume per server and the monthly charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage regions, double-storage pairs and their health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State and steps of the backup server&apos;s disaster recovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language, connection and information about the console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disaster Recovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kura Backup Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to Server...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to a Kura server by its address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out and close the connection to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the current page&apos;s data from the server again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Kura</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Kura</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Kura %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A backup system for fleets of servers: agents, a backup server and this console.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::PlanDialog</name>
    <message>
        <source>%1 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 UTC (%2 local time)</source>
        <extracomment>%1 a time range in UTC, %2 the same range in local time</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region &quot;%1&quot; of this server is not in the server&apos;s region list, so double storage cannot be offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region &quot;%1&quot; has no backup service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double storage is not offered for region &quot;%1&quot;: it has no paired region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers of region &quot;%1&quot; cannot be protected: the region has no backup service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the transfer of backup data to region &quot;%1&quot; to use double storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the boot volume (a block device or an image file) for the system backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Plan of &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Local: in region %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Double: also in region %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Double: also in a paired region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On &amp;demand only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;aily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Weekly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekday (UTC):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server picks the exact start time inside the window to spread the load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Minimum retention:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ystem image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Include paths (one per line; empty: everything):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xclude patterns (one per line, for example *.tmp):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Boot volume (block device or image file):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double storage copies every generation to region &quot;%1&quot; as well. The data protection laws of that region apply; you are responsible for the transfer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I &amp;confirm the transfer of backup data to region %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I &amp;confirm the transfer of backup data</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Keeps at most %n generation(s): %1 backups in 24 hours for %2.</source>
        <translation>
            <numerusform>Keeps at most %n generation: %1 backups in 24 hours for %2.</numerusform>
            <numerusform>Keeps at most %n generations: %1 backups in 24 hours for %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>The folders of &quot;%1&quot; as its agent sees them now. The chosen folder is added to the include paths.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add F&amp;older...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder on &quot;%1&quot; as its agent sees it and add it to the include paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is offline: type the paths</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::RegionsView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the regions and their health from the server again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Region %1 Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Region %1 Recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the storage of region %1 as failed? Every tenant with servers there gets an alert, and restores of its servers may use the remote copies.

Reason (kept in the region&apos;s history):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the storage of region %1 as recovered? The region alerts of every tenant are resolved.

Reason (kept in the region&apos;s history):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region %1 is now marked %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;Failed...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected region&apos;s storage as failed (administrators)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark Re&amp;covered...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected region&apos;s storage as working again (administrators)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups of a server are stored in its region. Double storage also keeps a copy in the paired region, replicated within 24 hours; the replication lag shows how long the oldest of your copies has been waiting for a region. While a region&apos;s storage is marked failed, restores may use the remote copies.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::ReportsView</name>
    <message>
        <source>All servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n job(s) shown</source>
        <translation>
            <numerusform>%1 of %n job shown</numerusform>
            <numerusform>%1 of %n jobs shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s CSV document cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report kept changing while it was exported. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) exported to &quot;%1&quot;.</source>
        <translation>
            <numerusform>%n job exported to &quot;%1&quot;.</numerusform>
            <numerusform>%n jobs exported to &quot;%1&quot;.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the report from the server again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the rows shown, as filtered, as a CSV file (Ctrl+Shift+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed or interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped or cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued or running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::RestoreFolderDialog</name>
    <message>
        <source>Choose a Folder on &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folders of &quot;%1&quot; as its agent sees them now. The restored entries are placed below the chosen folder, each under its original path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be listed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::RestoreSearchPanel</name>
    <message>
        <source>Searching every folder of the generation for &quot;%1&quot;...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No entry of the generation has &quot;%1&quot; in its name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The first %n entry(ies) with &quot;%1&quot; in the name are shown; the generation has more. Search for more of the name to narrow the list.</source>
        <translation>
            <numerusform>The first entry with &quot;%1&quot; in the name is shown; the generation has more. Search for more of the name to narrow the list.</numerusform>
            <numerusform>The first %n entries with &quot;%1&quot; in the name are shown; the generation has more. Search for more of the name to narrow the list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) of the generation have &quot;%1&quot; in the name.</source>
        <translation>
            <numerusform>%n entry of the generation has &quot;%1&quot; in the name.</numerusform>
            <numerusform>%n entries of the generation have &quot;%1&quot; in the name.</numerusform>
        </translation>
    </message>
    <message>
        <source>The search for &quot;%1&quot; failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::RestoreView</name>
    <message>
        <source>%1 could not be listed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dropped entries cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The generations could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a complete generation can be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server has no generations yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the servers that can receive this generation...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The possible targets could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not start restores.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a server and a complete generation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check entries in the tree or drag them onto the restore list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server can receive this generation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the target server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other folder must be an absolute path, such as /srv/restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every server of the tenant can receive this generation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) cannot receive it and are shown disabled, with the reason.</source>
        <translation>
            <numerusform>%n server cannot receive it and is shown disabled, with the reason.</numerusform>
            <numerusform>%n servers cannot receive it and are shown disabled, with the reason.</numerusform>
        </translation>
    </message>
    <message>
        <source>Drag files and folders here from the tree, or check them there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies), %1 in files; folders with everything in them.</source>
        <translation>
            <numerusform>%n entry, %1 in files; folders with everything in them.</numerusform>
            <numerusform>%n entries, %1 in files; folders with everything in them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>... and %n more</source>
        <translation>
            <numerusform>... and %n more</numerusform>
            <numerusform>... and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>below the folder %1 (each entry under its original path)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to the original location</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;Restore %n entry(ies) of the generation of %1 of &quot;%2&quot;:&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;Restore %n entry of the generation of %1 of &quot;%2&quot;:&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;Restore %n entries of the generation of %1 of &quot;%2&quot;:&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;onto &quot;%1&quot;, %2.&lt;/p&gt;&lt;p&gt;Existing files: %3.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the restore...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused &quot;%1&quot; as the target: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore cannot start now: %1. Check that the agent of &quot;%2&quot; is online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore started as job %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show it in Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server whose backups you restore from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generations (with their local and remote copies):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore &amp;list:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop files and folders here; Delete removes the selected entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the selected entries off the restore list (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Target server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Original location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/srv/restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder on the target server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Existing files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip (keep the file on the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep both (restore under a new name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows a summary; the restore starts when you confirm it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the device or image file to write, such as /dev/vdb.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A system generation is restored whole, as one image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Write the system image of the generation of %1 of &quot;%2&quot; to %3 on &quot;%4&quot;.&lt;/p&gt;&lt;p&gt;Everything on it is replaced. Network settings are not restored: set them up after the restore.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/dev/vdb or an image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device or image file on the target server that receives the system image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A system restore replaces everything on the device. Network settings are not restored; set them up after the restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is restored with the folder %2; take the folder off the restore list instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the whole generation by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server looks through every folder of the generation, also those not opened here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the entries found, or drag them onto the restore list; clear the search to see the tree again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::ServersView</name>
    <message>
        <source>Your role may not change plans.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server has enrolled yet. Install the agent on a server with an enrollment token; it then appears here as unprotected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a server. Use File &gt; Connect to Server to log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan of &quot;%1&quot; is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; is no longer protected; %n generation(s) deleted.</source>
        <translation>
            <numerusform>&quot;%1&quot; is no longer protected; %n generation deleted.</numerusform>
            <numerusform>&quot;%1&quot; is no longer protected; %n generations deleted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Unprotect &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Unprotecting &quot;%1&quot; deletes all its backup data: %n generation(s), %2. This cannot be undone. The server stays in the list and can be protected again later, starting afresh.</source>
        <translation>
            <numerusform>Unprotecting &quot;%1&quot; deletes all its backup data: %n generation, %2. This cannot be undone. The server stays in the list and can be protected again later, starting afresh.</numerusform>
            <numerusform>Unprotecting &quot;%1&quot; deletes all its backup data: %n generations, %2. This cannot be undone. The server stays in the list and can be protected again later, starting afresh.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Backup Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back Up &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup of &quot;%1&quot; started as job %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop Job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is being stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Protect...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a plan and start backing up the selected server (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Plan...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the selected server&apos;s plan (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unprotect...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop protecting the selected server and delete its backup data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start an immediate backup of the selected server (Ctrl+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the selected server&apos;s running backup (Ctrl+.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name, region, system, flavor or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only servers whose name, region, system, flavor or address contains this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unprotected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alert &quot;%1&quot; is acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that you have seen the selected open alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; is deleted with %n generation(s); its agent must enroll again.</source>
        <translation>
            <numerusform>&quot;%1&quot; is deleted with %n generation; its agent must enroll again.</numerusform>
            <numerusform>&quot;%1&quot; is deleted with %n generations; its agent must enroll again.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Client &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleting &quot;%1&quot; removes the server from the list and deletes all its backup data: %n generation(s), %2. This cannot be undone. Its agent must enroll again with a new token to return.</source>
        <translation>
            <numerusform>Deleting &quot;%1&quot; removes the server from the list and deletes all its backup data: %n generation, %2. This cannot be undone. Its agent must enroll again with a new token to return.</numerusform>
            <numerusform>Deleting &quot;%1&quot; removes the server from the list and deletes all its backup data: %n generations, %2. This cannot be undone. Its agent must enroll again with a new token to return.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;nroll Server...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an enrollment token and agent package for a new server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Client...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected server and all its backup data; its agent must enroll again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the Restore page with the selected server&apos;s generations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::SettingsView</name>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in to &quot;%1&quot;...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to &quot;%1&quot; as %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to &quot;%1&quot; is lost; the console keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The console switches at once; no restart is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dates, times, numbers and sizes follow the chosen language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to Server...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to a Kura server by its address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log out and close the connection to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kura %1, the console of the Kura backup system. It manages the servers, plans, jobs and reports of one tenant through the server&apos;s API.
Qt %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::UsageView</name>
    <message>
        <source>No usage was recorded in this month. A server&apos;s protected data is sampled on each day one of its backups succeeds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Tenant total for %n server(s): monthly average %1, estimated charge %2</source>
        <translation>
            <numerusform>Tenant total for %n server: monthly average %1, estimated charge %2</numerusform>
            <numerusform>Tenant total for %n servers: monthly average %1, estimated charge %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tenant total for %n server(s): monthly average %1; the charge cannot be estimated (see the servers without one)</source>
        <translation>
            <numerusform>Tenant total for %n server: monthly average %1; the charge cannot be estimated (see the servers without one)</numerusform>
            <numerusform>Tenant total for %n servers: monthly average %1; the charge cannot be estimated (see the servers without one)</numerusform>
        </translation>
    </message>
    <message>
        <source>Day of the month (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s CSV document cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Usage of %n server(s) exported to &quot;%1&quot;.</source>
        <translation>
            <numerusform>Usage of %n server exported to &quot;%1&quot;.</numerusform>
            <numerusform>Usage of %n servers exported to &quot;%1&quot;.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the month&apos;s usage from the server again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the month&apos;s usage of every server and the total as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <extracomment>Date format of the month picker on the Usage page (QDate format)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily protected data of %1 (%2)</source>
        <extracomment>Title of the usage chart: %1 a server&apos;s name, %2 a unit such as GiB</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected data of every server, each at its latest sample (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Log in to the server at &lt;url&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant to log in to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name to log in as.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the API key in the KURA_TOKEN environment variable instead of a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Kura backup console. Without --connect it starts its own local server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

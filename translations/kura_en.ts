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
        <source>This console cannot do this yet. The server&apos;s API has no routes for it so far; the page will work once they exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage and Billing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disaster Recovery</source>
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
    <message>
        <source>Job %1 has no log entries yet.</source>
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
        <source>Backups of a server are stored in its region. Double storage also keeps a copy in the paired region, replicated within 24 hours. While a region&apos;s storage is marked failed, restores may use the remote copies.</source>
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

#!/bin/sh
# Writes the seed corpus of fuzz_apianswer: answers of the API as kura-server sends them
# (docs/api/openapi.yaml) plus broken variants. Run from anywhere; rewrites the folder.
set -eu
root=$(cd "$(dirname "$0")/../../.." && pwd)
out="$root/tests/fuzz/corpus/apianswer"
mkdir -p "$out"
w() { printf '%s' "$2" > "$out/$1"; }

plan='{"commandTimeoutSeconds":600,"content":"files","dailyWindow":1,"excludePatterns":["*.tmp"],"includePaths":["/srv"],"maxGenerations":90,"postCommand":"","preCommand":"","retentionDays":30,"storage":"local","summary":"local/daily 03-06/30d/files","systemDevice":"","timing":"daily","weekday":1,"weeklyWindow":0}'
facts='{"addresses":["10.0.0.5"],"agentVersion":"0.1.0","arch":"x86_64","flavor":"m1.small","hostName":"web.example","osId":"debian","osVersion":"12"}'
server="{\"advertisedAddress\":\"\",\"enrolled\":\"2026-01-01T00:00:00.000Z\",\"facts\":$facts,\"id\":1,\"lastBackup\":null,\"lastSeen\":\"2026-01-02T03:04:05.678Z\",\"name\":\"web\",\"online\":true,\"plan\":$plan,\"planSummary\":\"local/daily 03-06/30d/files\",\"planUpdated\":\"2026-01-01T00:00:00.000Z\",\"protected\":true,\"protectedSince\":\"2026-01-01T00:00:00.000Z\",\"region\":\"JP1\"}"
job='{"ended":null,"generationId":null,"id":7,"kind":"file_backup","planSummary":"local/immediate/7d/files","progress":{"bytesDone":500,"bytesPerSecond":50,"etaSeconds":10,"files":10,"filesDone":4,"sourceBytes":1000,"transferredBytes":20},"queued":"2026-01-01T00:00:00.000Z","reason":"","serverId":1,"started":"2026-01-01T00:00:01.000Z","state":"running","targetPath":"","targetServerId":null,"trigger":"immediate"}'
generation='{"copies":[{"region":"JP1","replicated":null,"state":"complete"},{"region":"JP2","replicated":null,"state":"pending"}],"end":"2026-01-01T00:10:00.000Z","files":3,"id":4,"jobId":7,"kind":"file_backup","newBytes":400,"planSummary":"local/immediate/7d/files","retentionDays":7,"serverId":1,"sourceBytes":1000,"start":"2026-01-01T00:00:00.000Z","status":"complete","storage":"double","timing":"immediate"}'
row='{"durationSeconds":600,"end":"2026-01-01T00:10:00.000Z","files":3,"jobId":7,"kind":"file_backup","planSummary":"local/immediate/7d/files","queued":"2026-01-01T00:00:00.000Z","reason":"","result":"succeeded","serverId":1,"serverName":"web","sourceBytes":1000,"start":"2026-01-01T00:00:00.000Z","transferredBytes":400,"trigger":"immediate"}'
alert='{"acknowledged":null,"acknowledgedBy":"","details":"disk on fire","id":3,"kind":"job_failed","opened":"2026-01-01T00:00:00.000Z","resolved":null,"serverId":1,"state":"open","subject":"server:1"}'
region='{"backupAllowed":true,"backupService":true,"doubleAvailable":true,"name":"JP1","remoteRegion":"JP2","state":"ok","stateChanged":null,"stateChangedBy":""}'

w valid-servers "{\"servers\":[$server]}"
w valid-server "$server"
w valid-plan "$plan"
w valid-job "$(printf '%s' "$job" | sed 's/}$/,"events":[{"level":"warning","text":"file changed while read","time":"2026-01-01T00:00:02.000Z"}]}/')"
w valid-jobs "{\"jobs\":[$job]}"
w valid-generations "{\"serverId\":1,\"generations\":[$generation]}"
w valid-report "{\"days\":14,\"generated\":\"2026-01-01T01:00:00.000Z\",\"maxRows\":2000,\"rows\":[$row]}"
w valid-alerts "{\"alerts\":[$alert]}"
w valid-regions "{\"regions\":[$region]}"
w valid-regions-replication '{"regions":[{"backupAllowed":true,"backupService":true,"doubleAvailable":true,"name":"JP2","remoteRegion":"JP1","replication":{"lagMs":10800000,"oldestWaitingEnd":"2026-01-01T00:00:00.000Z","sourceRegions":["JP1"],"targetMs":86400000,"waitingGenerations":2},"state":"ok","stateChanged":null,"stateChangedBy":""},{"backupAllowed":true,"backupService":true,"doubleAvailable":false,"name":"US1","remoteRegion":"","replication":null,"state":"ok","stateChanged":null,"stateChangedBy":""}]}'
w invalid-replication-lag '{"regions":[{"name":"JP2","replication":{"lagMs":-5,"waitingGenerations":1},"state":"ok"}]}'
w valid-login '{"apiKey":false,"expires":"2026-01-01T12:00:00.000Z","role":"admin","tenantId":1,"token":"abc","user":"admin","userId":1}'
w valid-unprotect '{"generations":2,"protected":false,"serverId":1,"storedBytes":4096}'
w valid-enrollment-token '{"createdAt":"2026-01-01T00:00:00.000Z","expiresAt":"2026-01-02T00:00:00.000Z","id":3,"package":"UEsDBAoAAAAAAA==","region":"JP1","state":"active","token":"1.secret","usedAt":null,"usedByServerId":null}'
w valid-enrollment-tokens '{"tokens":[{"createdAt":"2026-01-01T00:00:00.000Z","expiresAt":"2026-01-02T00:00:00.000Z","id":3,"region":"JP1","state":"used","usedAt":"2026-01-01T01:00:00.000Z","usedByServerId":9}]}'
w invalid-package-base64 '{"expiresAt":"2026-01-02T00:00:00.000Z","id":3,"package":"not base64!","region":"JP1","state":"active"}'
w valid-targets '{"targets":[{"allowed":true,"issues":[],"name":"web","online":true,"serverId":1},{"allowed":false,"issues":["target_not_protected"],"name":"db","online":false,"serverId":2}]}'
w valid-listing '{"entries":[{"kind":"directory","modified":"2026-01-01T00:00:00.000Z","name":"docs","size":0},{"kind":"file","modified":"2026-01-01T01:02:03.000Z","name":"notes.txt","size":1234}],"path":"/srv","truncated":false}'
w valid-search '{"entries":[{"kind":"directory","modified":"2026-01-01T00:00:00.000Z","name":"Reports","path":"/srv/Reports","size":0},{"kind":"file","modified":"2026-01-01T01:02:03.000Z","name":"report.pdf","path":"/srv/Reports/report.pdf","size":1234}],"query":"report","truncated":true}'
w invalid-search-path '{"entries":[{"kind":"file","path":"relative/report.pdf","size":1}],"query":"report","truncated":false}'
w error-restore-target '{"code":"conflict","details":{"issues":["different_region","different_plan"],"refusal":"restore_target"},"message":"server db cannot receive this restore"}'
w valid-usage '{"averageBytes":1.2e9,"currency":"JPY","estimatedCharge":42,"month":"2026-01","servers":[{"averageBytes":1.2e9,"chargeError":"","days":[{"day":"2026-01-01","protectedBytes":1000},{"day":"2026-01-02","protectedBytes":3000}],"estimatedCharge":42,"name":"web","serverId":1}]}'
w valid-usage-menu '{"averageBytes":1000,"currency":null,"estimatedCharge":null,"month":"2026-01","servers":[{"averageBytes":1000,"days":[{"day":"2026-01-01","protectedBytes":1000}],"estimatedCharge":null,"menu":{"retentionDays":30,"storage":"double","timing":"daily"},"name":"web","serverId":1}]}'
w valid-usage-months '{"averageBytes":0,"currency":null,"currentMonth":"2026-02","estimatedCharge":null,"month":"2026-01","months":["2026-01","2024-07"],"servers":[]}'
w invalid-usage-months '{"averageBytes":0,"currentMonth":"2026-13","month":"2026-01","months":["2026-1"],"servers":[]}'
w invalid-usage-menu '{"averageBytes":0,"month":"2026-01","servers":[{"averageBytes":0,"days":[],"menu":{"retentionDays":"thirty"},"serverId":1}]}'
w valid-dr '{"configured":false}'
w valid-dr-configured '{"configured":true,"lastCatalogCopyAt":"2026-01-01T00:00:00.000Z","state":"standby","steps":[{"name":"copy-catalog","state":"done"},{"detail":"waits for the copy","name":"verify","state":"pending"}]}'
w invalid-dr-step '{"configured":true,"steps":[{"state":"done"}]}'
w invalid-usage-day '{"averageBytes":0,"month":"2026-01","servers":[{"averageBytes":0,"days":[{"day":"2026-02-30","protectedBytes":1}],"serverId":1}]}'
w error-refusal '{"code":"conflict","details":{"liftsAt":"2026-01-02T00:00:00.000Z","liftsAtMs":1767312000000,"quotaLimit":5,"quotaUsed":5,"refusal":"quota_exhausted"},"message":"quota used up"}'
w error-problems '{"code":"invalid_argument","details":{"problems":[{"field":"dailyWindow","issue":"daily_window_out_of_range","value":"9"}]},"message":"the plan has 1 problem(s)"}'
w error-unknown-code '{"code":"exploded","message":"x","details":{}}'
w invalid-html '<html><body>502 Bad Gateway</body></html>'
w invalid-state "$(printf '%s' "$job" | sed 's/"running"/"exploded"/')"
w invalid-time "$(printf '%s' "$server" | sed 's/"2026-01-02T03:04:05.678Z"/"yesterday"/')"
w invalid-id "$(printf '%s' "$job" | sed 's/"id":7/"id":1e300/')"
w invalid-truncated "$(printf '%s' "{\"servers\":[$server]}" | head -c 300)"

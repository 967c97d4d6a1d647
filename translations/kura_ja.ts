<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>Kura::Models</name>
    <message>
        <source>Alert</source>
        <translation>アラート</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>発生日時</translation>
    </message>
    <message>
        <source>Acknowledged By</source>
        <translation>確認者</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <extracomment>A copy of a generation: %1 region, %2 state of the copy</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>replicated after %1</source>
        <translation>%1 後に複製済み</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>プラン</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保持期間</translation>
    </message>
    <message>
        <source>Source Data</source>
        <translation>対象データ量</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>ファイル数</translation>
    </message>
    <message>
        <source>New Data</source>
        <translation>新規データ量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>%1 of %2, %3 of %4 files</source>
        <translation>%2 中 %1、%4 ファイル中 %3</translation>
    </message>
    <message>
        <source>Running (stalled)</source>
        <translation>実行中 (停滞)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>Progress of a job: percentage done</extracomment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>契機</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Time Left</source>
        <translation>残り時間</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>転送量</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>終了日時</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取り消し</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>中断</translation>
    </message>
    <message>
        <source>File backup</source>
        <translation>ファイルバックアップ</translation>
    </message>
    <message>
        <source>System backup</source>
        <translation>システムバックアップ</translation>
    </message>
    <message>
        <source>File restore</source>
        <translation>ファイルリストア</translation>
    </message>
    <message>
        <source>System restore</source>
        <translation>システムリストア</translation>
    </message>
    <message>
        <source>System image</source>
        <translation>システムイメージ</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <source>Immediate</source>
        <translation>即時</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>ローカル</translation>
    </message>
    <message>
        <source>Double</source>
        <translation>ダブル</translation>
    </message>
    <message>
        <source>On demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>毎日</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>毎週</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>Copying</source>
        <translation>コピー中</translation>
    </message>
    <message>
        <source>Backup overdue</source>
        <translation>バックアップ期限超過</translation>
    </message>
    <message>
        <source>Job failed</source>
        <translation>ジョブ失敗</translation>
    </message>
    <message>
        <source>Scheduled run refused</source>
        <translation>スケジュール実行の拒否</translation>
    </message>
    <message>
        <source>Replication behind</source>
        <translation>レプリケーション遅延</translation>
    </message>
    <message>
        <source>Region failed</source>
        <translation>リージョン障害</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未対応</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>解決済み</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>閲覧者</translation>
    </message>
    <message>
        <source>Daily, %1 UTC</source>
        <translation>毎日 %1 UTC</translation>
    </message>
    <message>
        <source>Weekly, %1 %2 UTC</source>
        <extracomment>%1 is a weekday, %2 a time range such as 08:00-16:00</extracomment>
        <translation>毎週 %1 %2 UTC</translation>
    </message>
    <message>
        <source>On demand only</source>
        <translation>オンデマンドのみ</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 日</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 storage, %2, kept %3, %4</source>
        <extracomment>Plan in one line: %1 storage, %2 schedule, %3 retention, %4 content</extracomment>
        <translation>%1 ストレージ、%2、保持 %3、%4</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 日 %2 時間</translation>
    </message>
    <message>
        <source>%1/s</source>
        <extracomment>Transfer rate, %1 is a size such as &quot;12.5 MB&quot;</extracomment>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>The server has used %1 of %2 backups allowed in 24 hours. The next backup is possible at %3.</source>
        <translation>このサーバーは 24 時間に許可された %2 回のバックアップのうち %1 回を使用しました。次のバックアップは %3 から可能です。</translation>
    </message>
    <message>
        <source>A backup of this server is already queued or running (job %1).</source>
        <translation>このサーバーのバックアップはすでに待機中または実行中です (ジョブ %1)。</translation>
    </message>
    <message>
        <source>A backup of the other kind is running on this server (job %1); system and file backups never run together.</source>
        <translation>このサーバーでは別の種類のバックアップが実行中です (ジョブ %1)。システムバックアップとファイルバックアップは同時に実行されません。</translation>
    </message>
    <message>
        <source>A restore into this server is running (job %1).</source>
        <translation>このサーバーへのリストアが実行中です (ジョブ %1)。</translation>
    </message>
    <message>
        <source>A backup of the target server is running (job %1).</source>
        <translation>リストア先サーバーのバックアップが実行中です (ジョブ %1)。</translation>
    </message>
    <message>
        <source>Generations of this server are inside their minimum retention until %1 and cannot be deleted before.</source>
        <translation>このサーバーの世代は %1 まで最低保持期間内のため、それまで削除できません。</translation>
    </message>
    <message>
        <source>The plan of this server has no schedule.</source>
        <translation>このサーバーのプランにはスケジュールがありません。</translation>
    </message>
    <message>
        <source>The server cannot be reached: %1</source>
        <translation>サーバーに接続できません: %1</translation>
    </message>
    <message>
        <source>The server cannot do this now: %1</source>
        <translation>サーバーは現在この操作を実行できません: %1</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1</source>
        <translation>サーバーの証明書が信頼されていません: %1</translation>
    </message>
    <message>
        <source>The tenant, user or password is wrong, or the session has expired.</source>
        <translation>テナント、ユーザー、パスワードのいずれかが誤っているか、セッションの有効期限が切れています。</translation>
    </message>
    <message>
        <source>Your role does not allow this.</source>
        <translation>あなたのロールではこの操作は許可されていません。</translation>
    </message>
    <message>
        <source>It no longer exists on the server.</source>
        <translation>サーバー上にもう存在しません。</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>要求は取り消されました。</translation>
    </message>
    <message>
        <source>The server refused the value of &quot;%1&quot;: %2</source>
        <translation>サーバーが「%1」の値を拒否しました: %2</translation>
    </message>
    <message>
        <source>The server&apos;s state does not allow this now: %1</source>
        <translation>サーバーの状態により現在この操作はできません: %1</translation>
    </message>
    <message>
        <source>The server reported an error (%1): %2</source>
        <translation>サーバーがエラーを報告しました (%1): %2</translation>
    </message>
    <message>
        <source>Changed by %1</source>
        <translation>変更者: %1</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>利用可能</translation>
    </message>
    <message>
        <source>No backup service</source>
        <translation>バックアップサービスなし</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>提供あり</translation>
    </message>
    <message>
        <source>Not offered</source>
        <translation>提供なし</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>Backup Service</source>
        <translation>バックアップサービス</translation>
    </message>
    <message>
        <source>Double-Storage Pair</source>
        <translation>ダブルストレージの対</translation>
    </message>
    <message>
        <source>Double Storage</source>
        <translation>ダブルストレージ</translation>
    </message>
    <message>
        <source>Storage State</source>
        <translation>ストレージの状態</translation>
    </message>
    <message>
        <source>State Changed</source>
        <translation>状態の変更日時</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation>最終接続 %1</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>保護中</translation>
    </message>
    <message>
        <source>Unprotected</source>
        <translation>未保護</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>エージェント</translation>
    </message>
    <message>
        <source>Protection</source>
        <translation>保護</translation>
    </message>
    <message>
        <source>Operating System</source>
        <translation>OS</translation>
    </message>
    <message>
        <source>Flavor</source>
        <translation>フレーバー</translation>
    </message>
    <message>
        <source>Last Backup</source>
        <translation>最終バックアップ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>アドレス</translation>
    </message>
    <message>
        <source>The session has ended. Log in again.</source>
        <translation>セッションが終了しました。もう一度ログインしてください。</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>情報</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>storage state of a region</comment>
        <translation>障害</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>フォルダー</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>リンク</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>その他</translation>
    </message>
    <message>
        <source>the generation has no copy to read from</source>
        <translation>読み出せるコピーがこの世代にありません</translation>
    </message>
    <message>
        <source>the storage region of the local copy is marked failed</source>
        <translation>ローカルコピーのストレージリージョンが障害とされています</translation>
    </message>
    <message>
        <source>the remote copy may be used only while the local region is failed</source>
        <translation>リモートコピーはローカルのリージョンが障害の間だけ使用できます</translation>
    </message>
    <message>
        <source>it is in the region of the remote copy</source>
        <translation>リモートコピーのリージョンにあります</translation>
    </message>
    <message>
        <source>it is in another region</source>
        <translation>別のリージョンにあります</translation>
    </message>
    <message>
        <source>it is not protected</source>
        <translation>保護されていません</translation>
    </message>
    <message>
        <source>its plan is different</source>
        <translation>プランが異なります</translation>
    </message>
    <message>
        <source>its flavor or the source&apos;s is unknown</source>
        <translation>このサーバーまたは元のサーバーのフレーバーが不明です</translation>
    </message>
    <message>
        <source>it has another flavor</source>
        <translation>フレーバーが異なります</translation>
    </message>
    <message>
        <source>its operating system or the source&apos;s is unknown</source>
        <translation>このサーバーまたは元のサーバーの OS が不明です</translation>
    </message>
    <message>
        <source>it runs another operating system version</source>
        <translation>OS のバージョンが異なります</translation>
    </message>
    <message>
        <source>the server refuses it (%1)</source>
        <translation>サーバーが拒否しました (%1)</translation>
    </message>
    <message>
        <source>; </source>
        <extracomment>Separator between the reasons a restore target is refused</extracomment>
        <translation>、</translation>
    </message>
    <message>
        <source>Not estimated: %1</source>
        <translation>未算出: %1</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <extracomment>Plan menu of a server on the Usage page: storage, timing, minimum retention</extracomment>
        <translation>%1、%2、%3</translation>
    </message>
    <message>
        <source>Not estimated</source>
        <translation>未算出</translation>
    </message>
    <message>
        <source>Plan Menu</source>
        <translation>プランメニュー</translation>
    </message>
    <message>
        <source>Monthly Average</source>
        <translation>月平均</translation>
    </message>
    <message>
        <source>Estimated Charge</source>
        <translation>概算料金</translation>
    </message>
    <message>
        <source>Daily Samples</source>
        <translation>日次サンプル数</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <extracomment>An estimated charge: amount, currency code (&quot;12,345 JPY&quot;)</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>遅延なし</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n generation(s) waiting)</source>
        <extracomment>Replication lag of a region: %1 is the age of the oldest copy still waiting, such as &quot;3 h 05 min&quot;</extracomment>
        <translation>
            <numerusform>%1 (%n 世代が待機中)</numerusform>
        </translation>
    </message>
    <message>
        <source>No region keeps its double-storage copies in %1.</source>
        <translation>%1 にダブルストレージのコピーを保管するリージョンはありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n 時間</numerusform>
        </translation>
    </message>
    <message>
        <source>Every double-storage copy of this tenant from %1 has arrived in %2. Copies should arrive within %3.</source>
        <translation>このテナントの %1 からのダブルストレージのコピーは、すべて %2 に届いています。コピーは %3 以内に届くことが目標です。</translation>
    </message>
    <message numerus="yes">
        <source>Double-storage copies of this tenant from %1 into %2: %n generation(s) waiting; the oldest finished at %3 and is past the target of %4.</source>
        <translation>
            <numerusform>このテナントの %1 から %2 へのダブルストレージのコピー: %n 世代が待機中です。最も古い世代は %3 に完了し、目標の %4 を過ぎています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Double-storage copies of this tenant from %1 into %2: %n generation(s) waiting; the oldest finished at %3. Copies should arrive within %4.</source>
        <translation>
            <numerusform>このテナントの %1 から %2 へのダブルストレージのコピー: %n 世代が待機中です。最も古い世代は %3 に完了しました。コピーは %4 以内に届くことが目標です。</numerusform>
        </translation>
    </message>
    <message>
        <source>How long the oldest double-storage copy of your servers has been waiting to arrive in the region</source>
        <translation>サーバーのダブルストレージのコピーのうち、最も古いものがこのリージョンへの到着を待っている時間</translation>
    </message>
    <message>
        <source>Replication Lag</source>
        <translation>レプリケーション遅延</translation>
    </message>
</context>
<context>
    <name>Kura::Models::RestoreSearchModel</name>
    <message>
        <source>The folder %1 with everything in it</source>
        <translation>フォルダー %1 とその中身すべて</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>更新日時</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
</context>
<context>
    <name>Kura::Models::RestoreSelectionModel</name>
    <message>
        <source>The folder %1 with everything in it</source>
        <translation>フォルダー %1 とその中身すべて</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>パス</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
</context>
<context>
    <name>Kura::Models::RestoreTargetsModel</name>
    <message>
        <source>%1 (the original server)</source>
        <translation>%1 (元のサーバー)</translation>
    </message>
    <message>
        <source>%1, offline</source>
        <translation>%1、オフライン</translation>
    </message>
    <message>
        <source>%1 - not possible: %2</source>
        <extracomment>A restore target the policy refuses: server name, then the reasons</extracomment>
        <translation>%1 - 不可: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot receive this restore: %2.</source>
        <translation>「%1」にはこのリストアを行えません: %2。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is offline; the restore starts when its agent connects, or fails.</source>
        <translation>「%1」はオフラインです。エージェントが接続するとリストアが始まります。接続しない場合は失敗します。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; can receive this restore.</source>
        <translation>「%1」にこのリストアを行えます。</translation>
    </message>
</context>
<context>
    <name>Kura::Models::RestoreTreeModel</name>
    <message>
        <source>Loading...</source>
        <translation>読み込み中...</translation>
    </message>
    <message>
        <source>%1 could not be listed: %2</source>
        <translation>%1 の一覧を取得できませんでした: %2</translation>
    </message>
    <message>
        <source>%1 (only the first entries are shown)</source>
        <translation>%1 (先頭の項目だけを表示しています)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>更新日時</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種類</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::ApiKeysPanel</name>
    <message>
        <source>Never</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>失効</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Its user&apos;s role</source>
        <translation>ユーザーのロールのまま</translation>
    </message>
    <message>
        <source>Create API Key</source>
        <translation>API キーの作成</translation>
    </message>
    <message>
        <source>For example: nightly CI job</source>
        <translation>例: 夜間の CI ジョブ</translation>
    </message>
    <message>
        <source>The key acts as you, but never does more than its role allows: viewers read, operators also run and stop backups and restores, administrators may do everything.</source>
        <translation>キーはあなたとして動作しますが、ロールで許される以上のことはできません。閲覧者は参照のみ、オペレーターはバックアップとリストアの実行と停止も、管理者はすべての操作ができます。</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>ロール(&amp;R):</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>作成</translation>
    </message>
    <message>
        <source>API Key &quot;%1&quot;</source>
        <translation>API キー「%1」</translation>
    </message>
    <message>
        <source>Copy the key now: it is shown only this once. Use it as the bearer token (kuractl --token, or the Authorization header).</source>
        <translation>今すぐキーをコピーしてください。表示されるのはこの一度だけです。ベアラートークンとして使います (kuractl --token または Authorization ヘッダー)。</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>コピー(&amp;C)</translation>
    </message>
    <message>
        <source>The API key is copied to the clipboard.</source>
        <translation>API キーをクリップボードにコピーしました。</translation>
    </message>
    <message>
        <source>Revoke API Key</source>
        <translation>API キーの失効</translation>
    </message>
    <message>
        <source>Revoke the API key &quot;%1&quot;? Everything that uses it stops working at once.</source>
        <translation>API キー「%1」を失効させますか? このキーを使っているものはすべて直ちに動作しなくなります。</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>失効させる</translation>
    </message>
    <message>
        <source>The API key &quot;%1&quot; is revoked.</source>
        <translation>API キー「%1」を失効させました。</translation>
    </message>
    <message>
        <source>Only administrators manage API keys.</source>
        <translation>API キーを管理できるのは管理者だけです。</translation>
    </message>
    <message>
        <source>Connect to a server to manage its API keys.</source>
        <translation>API キーを管理するにはサーバーに接続してください。</translation>
    </message>
    <message>
        <source>API Keys</source>
        <translation>API キー</translation>
    </message>
    <message>
        <source>API keys let scripts and other programs use this server&apos;s API without a password. Each key acts as the administrator who made it, limited to its role.</source>
        <translation>API キーを使うと、スクリプトや他のプログラムがパスワードなしでこのサーバーの API を利用できます。各キーは作成した管理者として、そのキーのロールの範囲内で動作します。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <source>Made By</source>
        <translation>作成者</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Last Used</source>
        <translation>最終使用</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>&amp;New Key...</source>
        <translation>新しいキー(&amp;N)...</translation>
    </message>
    <message>
        <source>Create an API key; its secret is shown once</source>
        <translation>API キーを作成します。秘密の値は一度だけ表示されます</translation>
    </message>
    <message>
        <source>Re&amp;voke...</source>
        <translation>失効(&amp;V)...</translation>
    </message>
    <message>
        <source>Revoke the selected key; it stops working at once</source>
        <translation>選択したキーを失効させます。直ちに使えなくなります</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>更新(&amp;F)</translation>
    </message>
    <message>
        <source>Load the API keys from the server again</source>
        <translation>API キーをサーバーから再読み込みします</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::ConnectionBanner</name>
    <message>
        <source>The connection to the server &quot;%1&quot; is lost: %2</source>
        <translation>サーバー「%1」との接続が切れました: %2</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s).</source>
        <translation>
            <numerusform>%n 秒後に再接続します。</numerusform>
        </translation>
    </message>
    <message>
        <source>Try Again Now</source>
        <translation>今すぐ再接続</translation>
    </message>
    <message>
        <source>Connect to the server again without waiting</source>
        <translation>待たずにサーバーへ再接続します</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::Console</name>
    <message>
        <source>This build of the console has no embedded server. Connect to a Kura server by its address.</source>
        <translation>このビルドのコンソールには組み込みサーバーがありません。アドレスを指定して Kura サーバーに接続してください。</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>Logging in...</source>
        <translation>ログイン中...</translation>
    </message>
    <message>
        <source>%1 (%2) at %3</source>
        <translation>%1 (%2) @ %3</translation>
    </message>
    <message>
        <source>Connected to &quot;%1&quot;</source>
        <translation>「%1」に接続中</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>接続が切れました</translation>
    </message>
    <message>
        <source>This console runs a local server with its data in &quot;%1&quot;.</source>
        <translation>このコンソールはローカルサーバーを実行しています。データは「%1」にあります。</translation>
    </message>
    <message>
        <source>The local server could not start: %1</source>
        <translation>ローカルサーバーを起動できませんでした: %1</translation>
    </message>
    <message>
        <source>Starting the local server...</source>
        <translation>ローカルサーバーを起動しています...</translation>
    </message>
    <message numerus="yes">
        <source>%n open alert(s)</source>
        <extracomment>Status bar: alerts nobody has acknowledged yet (see the Alerts tab of the Servers page)</extracomment>
        <translation>
            <numerusform>未対応のアラート %n 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::DrView</name>
    <message>
        <source>Standing by</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>Recovering</source>
        <translation>復旧中</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>復旧済み</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <source>The state of disaster recovery cannot be loaded: %1</source>
        <translation>ディザスタリカバリの状態を読み込めません: %1</translation>
    </message>
    <message>
        <source>Loading the state of disaster recovery...</source>
        <translation>ディザスタリカバリの状態を読み込んでいます...</translation>
    </message>
    <message>
        <source>Disaster recovery is not configured on this backup server.</source>
        <translation>このバックアップサーバーではディザスタリカバリが構成されていません。</translation>
    </message>
    <message>
        <source>Once it is, the server keeps a copy of its catalog (servers, plans, generations and jobs) away from itself, and this page shows the recovery state, each step of a recovery and how old the last copy of the catalog is. The backups themselves are protected by double storage (see Regions).</source>
        <translation>構成すると、サーバーはカタログ (サーバー、プラン、世代、ジョブ) のコピーを別の場所に保管し、このページに復旧の状態、復旧の各ステップ、カタログの最新コピーの経過時間を表示します。バックアップ自体はダブルストレージで保護されます (「リージョン」を参照)。</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状態: %1</translation>
    </message>
    <message>
        <source>Last copy of the catalog: %1 (%2 ago)</source>
        <translation>カタログの最新コピー: %1 (%2 前)</translation>
    </message>
    <message>
        <source>The catalog has not been copied yet.</source>
        <translation>カタログはまだコピーされていません。</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Ask the server for the state of disaster recovery again</source>
        <translation>ディザスタリカバリの状態をサーバーに再度問い合わせます</translation>
    </message>
    <message>
        <source>Disaster Recovery</source>
        <translation>ディザスタリカバリ</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::EnrollmentDialog</name>
    <message>
        <source>Save Agent Package</source>
        <translation>エージェントパッケージの保存</translation>
    </message>
    <message>
        <source>Agent packages (*.zip)</source>
        <translation>エージェントパッケージ (*.zip)</translation>
    </message>
    <message>
        <source>The agent package cannot be saved to &quot;%1&quot;: %2</source>
        <translation>エージェントパッケージを「%1」に保存できません: %2</translation>
    </message>
    <message>
        <source>Saved to &quot;%1&quot;. Copy it to the new server and run there:
kura-agent enroll --package %2</source>
        <translation>「%1」に保存しました。新しいサーバーにコピーし、そこで次を実行してください:
kura-agent enroll --package %2</translation>
    </message>
    <message>
        <source>Revoke Enrollment Token</source>
        <translation>登録トークンの失効</translation>
    </message>
    <message>
        <source>Revoke enrollment token %1? No agent can enroll with it afterwards.</source>
        <translation>登録トークン %1 を失効させますか? 以後、このトークンではどのエージェントも登録できません。</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>失効させる</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>有効</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>使用済み</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>期限切れ</translation>
    </message>
    <message>
        <source>Enroll a Server</source>
        <translation>サーバーの登録</translation>
    </message>
    <message>
        <source>A new server joins with a one-time enrollment token. Create a token for the server&apos;s region, save the agent package and run the agent&apos;s enrollment with it on the new server; it then appears in the server list as unprotected.</source>
        <translation>新しいサーバーは一回限りの登録トークンで参加します。サーバーのリージョン用にトークンを作成してエージェントパッケージを保存し、新しいサーバーでそのパッケージを使ってエージェントの登録を実行してください。登録されると、サーバー一覧に未保護として表示されます。</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>リージョン(&amp;R):</translation>
    </message>
    <message>
        <source>The region the new server is in; only regions with backup service are offered</source>
        <translation>新しいサーバーがあるリージョンです。バックアップサービスのあるリージョンだけを選べます</translation>
    </message>
    <message>
        <source>&amp;Valid for:</source>
        <translation>有効期間(&amp;V):</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> 時間</translation>
    </message>
    <message>
        <source>How long the token works (1 to 720 hours)</source>
        <translation>トークンが使える期間 (1～720 時間)</translation>
    </message>
    <message>
        <source>&amp;Create Token</source>
        <translation>トークンを作成(&amp;C)</translation>
    </message>
    <message>
        <source>Create a one-time enrollment token and its agent package</source>
        <translation>一回限りの登録トークンとそのエージェントパッケージを作成します</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>新しいトークン</translation>
    </message>
    <message>
        <source>Token %1 for region %2 works until %3. It is shown only now: save the agent package before closing this dialog.</source>
        <translation>リージョン %2 のトークン %1 は %3 まで使えます。表示されるのは今だけです。このダイアログを閉じる前にエージェントパッケージを保存してください。</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>トークン(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Save Package...</source>
        <translation>パッケージを保存(&amp;S)...</translation>
    </message>
    <message>
        <source>Save the agent package (a ZIP with the server&apos;s addresses, its certificate fingerprint and the token)</source>
        <translation>エージェントパッケージ (サーバーのアドレス、証明書のフィンガープリント、トークンを含む ZIP) を保存します</translation>
    </message>
    <message>
        <source>On the new server, run: kura-agent enroll --package FILE</source>
        <translation>新しいサーバーで次を実行してください: kura-agent enroll --package ファイル</translation>
    </message>
    <message>
        <source>Enrollment tokens</source>
        <translation>登録トークン</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有効期限</translation>
    </message>
    <message>
        <source>Enrolled Server</source>
        <translation>登録されたサーバー</translation>
    </message>
    <message>
        <source>Re&amp;voke...</source>
        <translation>失効(&amp;V)...</translation>
    </message>
    <message>
        <source>Revoke the selected unused token</source>
        <translation>選択した未使用のトークンを失効させます</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::JobDetailsDialog</name>
    <message>
        <source>Job %1 has no log entries yet.</source>
        <translation>ジョブ %1 のログはまだありません。</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>ジョブ %1</translation>
    </message>
    <message>
        <source>Loading the log...</source>
        <translation>ログを読み込んでいます...</translation>
    </message>
    <message>
        <source>&amp;Log:</source>
        <translation>ログ(&amp;L):</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::JobsView</name>
    <message>
        <source>Stop Job %1</source>
        <translation>ジョブ %1 の停止</translation>
    </message>
    <message>
        <source>Job %1 is being stopped.</source>
        <translation>ジョブ %1 を停止しています。</translation>
    </message>
    <message>
        <source>&amp;Stop Job</source>
        <translation>ジョブを停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the selected queued or running job (Ctrl+.)</source>
        <translation>選択した待機中または実行中のジョブを停止します (Ctrl+.)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Load the jobs from the server now</source>
        <translation>ジョブを今すぐサーバーから読み込みます</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>表示(&amp;H):</translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation>すべてのジョブ</translation>
    </message>
    <message>
        <source>Queued and running</source>
        <translation>待機中と実行中</translation>
    </message>
    <message>
        <source>Failed and interrupted</source>
        <translation>失敗と中断</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>終了済み</translation>
    </message>
    <message>
        <source>&amp;Log of the selected job:</source>
        <translation>選択したジョブのログ(&amp;L):</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::LoginDialog</name>
    <message>
        <source>Enter the address of the server.</source>
        <translation>サーバーのアドレスを入力してください。</translation>
    </message>
    <message>
        <source>The address must start with http:// or https:// and name a host.</source>
        <translation>アドレスは http:// または https:// で始まり、ホスト名を含む必要があります。</translation>
    </message>
    <message>
        <source>Enter the tenant.</source>
        <translation>テナントを入力してください。</translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation>ユーザー名を入力してください。</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>パスワードを入力してください。</translation>
    </message>
    <message>
        <source>Connect to Server</source>
        <translation>サーバーに接続</translation>
    </message>
    <message>
        <source>Log in to a Kura backup server. Your role in the tenant decides what you can change.</source>
        <translation>Kura バックアップサーバーにログインします。テナントでのロールによって変更できる内容が決まります。</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>アドレス(&amp;A):</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>テナント(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>ユーザー(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P):</translation>
    </message>
    <message>
        <source>The server&apos;s address with http:// or https:// and the port</source>
        <translation>http:// または https:// とポートを含むサーバーのアドレス</translation>
    </message>
    <message>
        <source>The tenant whose servers you manage</source>
        <translation>管理するサーバーが属するテナント</translation>
    </message>
    <message>
        <source>&amp;Log In</source>
        <translation>ログイン(&amp;L)</translation>
    </message>
    <message>
        <source>Use &amp;Local Server</source>
        <translation>ローカルサーバーを使用(&amp;L)</translation>
    </message>
    <message>
        <source>Start the embedded server on this computer and manage this computer&apos;s backups</source>
        <translation>このコンピューターで組み込みサーバーを起動し、このコンピューターのバックアップを管理します</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::MainWindow</name>
    <message>
        <source>Protected and unprotected servers, their plans and state</source>
        <translation>保護中と未保護のサーバー、そのプランと状態</translation>
    </message>
    <message>
        <source>Queued, running and finished backups and restores</source>
        <translation>待機中、実行中、終了済みのバックアップとリストア</translation>
    </message>
    <message>
        <source>Restore files or a system from a generation</source>
        <translation>世代からファイルまたはシステムをリストアします</translation>
    </message>
    <message>
        <source>Every job of the last 14 days, with filter and CSV export</source>
        <translation>過去 14 日間のすべてのジョブ (絞り込みと CSV エクスポート付き)</translation>
    </message>
    <message>
        <source>Protected data volume per server and the monthly charge</source>
        <translation>サーバーごとの保護データ量と月額料金</translation>
    </message>
    <message>
        <source>Storage regions, double-storage pairs and their health</source>
        <translation>ストレージリージョン、ダブルストレージの対とその状態</translation>
    </message>
    <message>
        <source>State and steps of the backup server&apos;s disaster recovery</source>
        <translation>バックアップサーバーのディザスタリカバリの状態と手順</translation>
    </message>
    <message>
        <source>Language, connection and information about the console</source>
        <translation>言語、接続、コンソールの情報</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>リストア</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>レポート</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>使用量</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <source>Disaster Recovery</source>
        <translation>ディザスタリカバリ</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Kura Backup Console</source>
        <translation>Kura バックアップコンソール</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>ナビゲーション</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Connect to Server...</source>
        <translation>サーバーに接続(&amp;C)...</translation>
    </message>
    <message>
        <source>Log in to a Kura server by its address</source>
        <translation>アドレスを指定して Kura サーバーにログインします</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>切断(&amp;D)</translation>
    </message>
    <message>
        <source>Log out and close the connection to the server</source>
        <translation>ログアウトしてサーバーとの接続を閉じます</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Load the current page&apos;s data from the server again</source>
        <translation>現在のページのデータをサーバーから再読み込みします</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About Kura</source>
        <translation>Kura について(&amp;A)</translation>
    </message>
    <message>
        <source>About Kura</source>
        <translation>Kura について</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Kura %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A backup system for fleets of servers: agents, a backup server and this console.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Kura %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;多数のサーバーのためのバックアップシステム: エージェント、バックアップサーバー、そしてこのコンソール。&lt;/p&gt;&lt;p&gt;Qt %2 でビルドされています。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::PlanDialog</name>
    <message>
        <source>%1 UTC</source>
        <translation>%1 UTC</translation>
    </message>
    <message>
        <source>%1 UTC (%2 local time)</source>
        <extracomment>%1 a time range in UTC, %2 the same range in local time</extracomment>
        <translation>%1 UTC (現地時刻 %2)</translation>
    </message>
    <message>
        <source>The region &quot;%1&quot; of this server is not in the server&apos;s region list, so double storage cannot be offered.</source>
        <translation>このサーバーのリージョン「%1」はサーバーのリージョン一覧にないため、ダブルストレージを提供できません。</translation>
    </message>
    <message>
        <source>The region &quot;%1&quot; has no backup service.</source>
        <translation>リージョン「%1」にはバックアップサービスがありません。</translation>
    </message>
    <message>
        <source>Double storage is not offered for region &quot;%1&quot;: it has no paired region.</source>
        <translation>リージョン「%1」には対になるリージョンがないため、ダブルストレージは提供されません。</translation>
    </message>
    <message>
        <source>Servers of region &quot;%1&quot; cannot be protected: the region has no backup service.</source>
        <translation>リージョン「%1」にはバックアップサービスがないため、そのサーバーは保護できません。</translation>
    </message>
    <message>
        <source>Confirm the transfer of backup data to region &quot;%1&quot; to use double storage.</source>
        <translation>ダブルストレージを使うには、リージョン「%1」へのバックアップデータの転送を確認してください。</translation>
    </message>
    <message>
        <source>Enter the boot volume (a block device or an image file) for the system backup.</source>
        <translation>システムバックアップのブートボリューム (ブロックデバイスまたはイメージファイル) を入力してください。</translation>
    </message>
    <message>
        <source>Edit Plan of &quot;%1&quot;</source>
        <translation>「%1」のプランを編集</translation>
    </message>
    <message>
        <source>Protect &quot;%1&quot;</source>
        <translation>「%1」を保護</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>ストレージ</translation>
    </message>
    <message>
        <source>&amp;Local: in region %1</source>
        <translation>ローカル(&amp;L): リージョン %1</translation>
    </message>
    <message>
        <source>&amp;Double: also in region %1</source>
        <translation>ダブル(&amp;D): リージョン %1 にも保存</translation>
    </message>
    <message>
        <source>&amp;Double: also in a paired region</source>
        <translation>ダブル(&amp;D): 対のリージョンにも保存</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>タイミング</translation>
    </message>
    <message>
        <source>On &amp;demand only</source>
        <translation>オンデマンドのみ(&amp;D)</translation>
    </message>
    <message>
        <source>D&amp;aily</source>
        <translation>毎日(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Weekly</source>
        <translation>毎週(&amp;W)</translation>
    </message>
    <message>
        <source>Daily window:</source>
        <translation>毎日の時間帯:</translation>
    </message>
    <message>
        <source>Weekday (UTC):</source>
        <translation>曜日 (UTC):</translation>
    </message>
    <message>
        <source>Weekly window:</source>
        <translation>毎週の時間帯:</translation>
    </message>
    <message>
        <source>The server picks the exact start time inside the window to spread the load.</source>
        <translation>負荷を分散するため、時間帯内の正確な開始時刻はサーバーが決めます。</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保持期間</translation>
    </message>
    <message>
        <source>&amp;Minimum retention:</source>
        <translation>最低保持期間(&amp;M):</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>&amp;Files</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>S&amp;ystem image</source>
        <translation>システムイメージ(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Include paths (one per line; empty: everything):</source>
        <translation>対象パス(&amp;I) (1 行に 1 つ、空欄はすべて):</translation>
    </message>
    <message>
        <source>E&amp;xclude patterns (one per line, for example *.tmp):</source>
        <translation>除外パターン(&amp;X) (1 行に 1 つ、例: *.tmp):</translation>
    </message>
    <message>
        <source>&amp;Boot volume (block device or image file):</source>
        <translation>ブートボリューム(&amp;B) (ブロックデバイスまたはイメージファイル):</translation>
    </message>
    <message>
        <source>Double storage copies every generation to region &quot;%1&quot; as well. The data protection laws of that region apply; you are responsible for the transfer.</source>
        <translation>ダブルストレージでは、すべての世代をリージョン「%1」にもコピーします。そのリージョンのデータ保護法が適用されます。転送の責任はお客様にあります。</translation>
    </message>
    <message>
        <source>I &amp;confirm the transfer of backup data to region %1</source>
        <translation>リージョン %1 へのバックアップデータの転送を確認しました(&amp;C)</translation>
    </message>
    <message>
        <source>I &amp;confirm the transfer of backup data</source>
        <translation>バックアップデータの転送を確認しました(&amp;C)</translation>
    </message>
    <message numerus="yes">
        <source>Keeps at most %n generation(s): %1 backups in 24 hours for %2.</source>
        <translation>
            <numerusform>最大 %n 世代を保持します: 24 時間に %1 回のバックアップを %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>The folders of &quot;%1&quot; as its agent sees them now. The chosen folder is added to the include paths.</source>
        <translation>エージェントが現在見ている「%1」のフォルダーです。選んだフォルダーが対象パスに追加されます。</translation>
    </message>
    <message>
        <source>Add F&amp;older...</source>
        <translation>フォルダーを追加(&amp;O)...</translation>
    </message>
    <message>
        <source>Choose a folder on &quot;%1&quot; as its agent sees it and add it to the include paths</source>
        <translation>エージェントから見た「%1」のフォルダーを選び、対象パスに追加します</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is offline: type the paths</source>
        <translation>「%1」はオフラインです。パスを入力してください</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::RegionsView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Load the regions and their health from the server again</source>
        <translation>リージョンとその状態をサーバーから再読み込みします</translation>
    </message>
    <message>
        <source>Mark Region %1 Failed</source>
        <translation>リージョン %1 を障害としてマーク</translation>
    </message>
    <message>
        <source>Mark Region %1 Recovered</source>
        <translation>リージョン %1 を復旧としてマーク</translation>
    </message>
    <message>
        <source>Mark the storage of region %1 as failed? Every tenant with servers there gets an alert, and restores of its servers may use the remote copies.

Reason (kept in the region&apos;s history):</source>
        <translation>リージョン %1 のストレージを障害としてマークしますか? このリージョンにサーバーを持つすべてのテナントにアラートが出され、そのサーバーのリストアにはリモートのコピーを使えるようになります。

理由 (リージョンの履歴に残ります):</translation>
    </message>
    <message>
        <source>Mark the storage of region %1 as recovered? The region alerts of every tenant are resolved.

Reason (kept in the region&apos;s history):</source>
        <translation>リージョン %1 のストレージを復旧としてマークしますか? すべてのテナントのリージョンのアラートが解決済みになります。

理由 (リージョンの履歴に残ります):</translation>
    </message>
    <message>
        <source>Mark Failed</source>
        <translation>障害としてマーク</translation>
    </message>
    <message>
        <source>Mark Recovered</source>
        <translation>復旧としてマーク</translation>
    </message>
    <message>
        <source>Region %1 is now marked %2.</source>
        <translation>リージョン %1 を「%2」としてマークしました。</translation>
    </message>
    <message>
        <source>Mark &amp;Failed...</source>
        <translation>障害としてマーク(&amp;F)...</translation>
    </message>
    <message>
        <source>Mark the selected region&apos;s storage as failed (administrators)</source>
        <translation>選択したリージョンのストレージを障害としてマークします (管理者)</translation>
    </message>
    <message>
        <source>Mark Re&amp;covered...</source>
        <translation>復旧としてマーク(&amp;C)...</translation>
    </message>
    <message>
        <source>Mark the selected region&apos;s storage as working again (administrators)</source>
        <translation>選択したリージョンのストレージが再び動作していることをマークします (管理者)</translation>
    </message>
    <message>
        <source>Backups of a server are stored in its region. Double storage also keeps a copy in the paired region, replicated within 24 hours; the replication lag shows how long the oldest of your copies has been waiting for a region. While a region&apos;s storage is marked failed, restores may use the remote copies.</source>
        <translation>サーバーのバックアップはそのリージョンに保存されます。ダブルストレージでは対のリージョンにもコピーを保持し、24 時間以内に複製します。レプリケーション遅延は、お使いのコピーのうち最も古いものがリージョンへの到着を待っている時間です。リージョンのストレージが障害とされている間は、リストアにリモートのコピーを使用できます。</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::ReportsView</name>
    <message>
        <source>All servers</source>
        <translation>すべてのサーバー</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n job(s) shown</source>
        <translation>
            <numerusform>%n 件中 %1 件のジョブを表示</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>レポートのエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>The server&apos;s CSV document cannot be read: %1</source>
        <translation>サーバーの CSV 文書を読み取れません: %1</translation>
    </message>
    <message>
        <source>The report kept changing while it was exported. Try again.</source>
        <translation>エクスポート中にレポートが変わり続けました。もう一度実行してください。</translation>
    </message>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation>「%1」に書き込めません: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) exported to &quot;%1&quot;.</source>
        <translation>
            <numerusform>%n 件のジョブを「%1」にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Load the report from the server again</source>
        <translation>レポートをサーバーから再読み込みします</translation>
    </message>
    <message>
        <source>E&amp;xport CSV...</source>
        <translation>CSV エクスポート(&amp;X)...</translation>
    </message>
    <message>
        <source>Save the rows shown, as filtered, as a CSV file (Ctrl+Shift+E)</source>
        <translation>表示中の行を絞り込んだとおりに CSV ファイルに保存します (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>サーバー(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>結果(&amp;R):</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>種類(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>開始日(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>終了日(&amp;T):</translation>
    </message>
    <message>
        <source>All results</source>
        <translation>すべての結果</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed or interrupted</source>
        <translation>失敗または中断</translation>
    </message>
    <message>
        <source>Stopped or cancelled</source>
        <translation>停止または取り消し</translation>
    </message>
    <message>
        <source>Queued or running</source>
        <translation>待機中または実行中</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::RestoreFolderDialog</name>
    <message>
        <source>Choose a Folder on &quot;%1&quot;</source>
        <translation>「%1」のフォルダーを選択</translation>
    </message>
    <message>
        <source>The folders of &quot;%1&quot; as its agent sees them now. The restored entries are placed below the chosen folder, each under its original path.</source>
        <translation>エージェントから見た「%1」の現在のフォルダーです。リストアした項目は、選択したフォルダーの下にそれぞれ元のパスで置かれます。</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>フォルダー(&amp;F):</translation>
    </message>
    <message>
        <source>%1 could not be listed: %2</source>
        <translation>%1 の一覧を取得できませんでした: %2</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::RestoreSearchPanel</name>
    <message>
        <source>Searching every folder of the generation for &quot;%1&quot;...</source>
        <translation>世代のすべてのフォルダーから「%1」を検索しています...</translation>
    </message>
    <message>
        <source>No entry of the generation has &quot;%1&quot; in its name.</source>
        <translation>名前に「%1」を含む項目はこの世代にありません。</translation>
    </message>
    <message numerus="yes">
        <source>The first %n entry(ies) with &quot;%1&quot; in the name are shown; the generation has more. Search for more of the name to narrow the list.</source>
        <translation>
            <numerusform>名前に「%1」を含む項目のうち、最初の %n 項目を表示しています。この世代にはさらにあります。名前をもっと詳しく入力して絞り込んでください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) of the generation have &quot;%1&quot; in the name.</source>
        <translation>
            <numerusform>この世代で名前に「%1」を含む項目は %n 件です。</numerusform>
        </translation>
    </message>
    <message>
        <source>The search for &quot;%1&quot; failed: %2</source>
        <translation>「%1」の検索に失敗しました: %2</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::RestoreView</name>
    <message>
        <source>%1 could not be listed: %2</source>
        <translation>%1 の一覧を取得できませんでした: %2</translation>
    </message>
    <message>
        <source>The dropped entries cannot be used: %1</source>
        <translation>ドロップされた項目は使用できません: %1</translation>
    </message>
    <message>
        <source>The generations could not be loaded: %1</source>
        <translation>世代を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Only a complete generation can be restored.</source>
        <translation>リストアできるのは完了した世代だけです。</translation>
    </message>
    <message>
        <source>This server has no generations yet.</source>
        <translation>このサーバーにはまだ世代がありません。</translation>
    </message>
    <message>
        <source>Loading the servers that can receive this generation...</source>
        <translation>この世代のリストア先にできるサーバーを読み込んでいます...</translation>
    </message>
    <message>
        <source>The possible targets could not be loaded: %1</source>
        <translation>リストア先の候補を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Not connected to a server.</source>
        <translation>サーバーに接続していません。</translation>
    </message>
    <message>
        <source>Your role may not start restores.</source>
        <translation>あなたのロールではリストアを開始できません。</translation>
    </message>
    <message>
        <source>Choose a server and a complete generation.</source>
        <translation>サーバーと完了した世代を選択してください。</translation>
    </message>
    <message>
        <source>Check entries in the tree or drag them onto the restore list.</source>
        <translation>ツリーで項目にチェックを付けるか、リストア一覧へドラッグしてください。</translation>
    </message>
    <message>
        <source>No server can receive this generation.</source>
        <translation>この世代をリストアできるサーバーがありません。</translation>
    </message>
    <message>
        <source>Choose the target server.</source>
        <translation>リストア先のサーバーを選択してください。</translation>
    </message>
    <message>
        <source>The other folder must be an absolute path, such as /srv/restored.</source>
        <translation>別のフォルダーは /srv/restored のような絶対パスで指定してください。</translation>
    </message>
    <message>
        <source>Every server of the tenant can receive this generation.</source>
        <translation>テナントのすべてのサーバーにこの世代をリストアできます。</translation>
    </message>
    <message numerus="yes">
        <source>%n server(s) cannot receive it and are shown disabled, with the reason.</source>
        <translation>
            <numerusform>%n 台のサーバーにはリストアできないため、理由とともに無効で表示しています。</numerusform>
        </translation>
    </message>
    <message>
        <source>Drag files and folders here from the tree, or check them there.</source>
        <translation>ツリーからファイルやフォルダーをここへドラッグするか、ツリーでチェックを付けてください。</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies), %1 in files; folders with everything in them.</source>
        <translation>
            <numerusform>%n 項目、ファイル合計 %1。フォルダーは中身すべてを含みます。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>... and %n more</source>
        <translation>
            <numerusform>... ほか %n 項目</numerusform>
        </translation>
    </message>
    <message>
        <source>below the folder %1 (each entry under its original path)</source>
        <translation>フォルダー %1 の下 (各項目は元のパスで配置)</translation>
    </message>
    <message>
        <source>to the original location</source>
        <translation>元の場所</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;Restore %n entry(ies) of the generation of %1 of &quot;%2&quot;:&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;「%2」の %1 の世代から %n 項目をリストアします:&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;onto &quot;%1&quot;, %2.&lt;/p&gt;&lt;p&gt;Existing files: %3.&lt;/p&gt;</source>
        <translation>&lt;p&gt;リストア先: 「%1」、%2。&lt;/p&gt;&lt;p&gt;既存のファイル: %3。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>リストア</translation>
    </message>
    <message>
        <source>Start Restore</source>
        <translation>リストアを開始</translation>
    </message>
    <message>
        <source>Starting the restore...</source>
        <translation>リストアを開始しています...</translation>
    </message>
    <message>
        <source>The server refused &quot;%1&quot; as the target: %2.</source>
        <translation>サーバーは「%1」をリストア先として拒否しました: %2。</translation>
    </message>
    <message>
        <source>The restore cannot start now: %1. Check that the agent of &quot;%2&quot; is online.</source>
        <translation>今はリストアを開始できません: %1。「%2」のエージェントがオンラインか確認してください。</translation>
    </message>
    <message>
        <source>Restore started as job %1.</source>
        <translation>リストアをジョブ %1 として開始しました。</translation>
    </message>
    <message>
        <source>Show it in Jobs</source>
        <translation>ジョブで表示</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>サーバー(&amp;S):</translation>
    </message>
    <message>
        <source>The server whose backups you restore from</source>
        <translation>リストア元のバックアップを持つサーバー</translation>
    </message>
    <message>
        <source>&amp;Generations (with their local and remote copies):</source>
        <translation>世代 (ローカルとリモートのコピー)(&amp;G):</translation>
    </message>
    <message>
        <source>Restore &amp;list:</source>
        <translation>リストア一覧(&amp;L):</translation>
    </message>
    <message>
        <source>Drop files and folders here; Delete removes the selected entries</source>
        <translation>ファイルやフォルダーをここへドロップします。Delete キーで選択した項目を外します</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>外す(&amp;R)</translation>
    </message>
    <message>
        <source>Take the selected entries off the restore list (Delete)</source>
        <translation>選択した項目をリストア一覧から外します (Delete)</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>すべて外す(&amp;L)</translation>
    </message>
    <message>
        <source>Restore to</source>
        <translation>リストア先</translation>
    </message>
    <message>
        <source>&amp;Target server:</source>
        <translation>リストア先サーバー(&amp;T):</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>場所:</translation>
    </message>
    <message>
        <source>&amp;Original location</source>
        <translation>元の場所(&amp;O)</translation>
    </message>
    <message>
        <source>Another &amp;folder:</source>
        <translation>別のフォルダー(&amp;F):</translation>
    </message>
    <message>
        <source>/srv/restored</source>
        <translation>/srv/restored</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>参照(&amp;B)...</translation>
    </message>
    <message>
        <source>Choose a folder on the target server</source>
        <translation>リストア先サーバーのフォルダーを選択します</translation>
    </message>
    <message>
        <source>&amp;Existing files:</source>
        <translation>既存のファイル(&amp;E):</translation>
    </message>
    <message>
        <source>Skip (keep the file on the server)</source>
        <translation>スキップ (サーバー上のファイルを残す)</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>上書き</translation>
    </message>
    <message>
        <source>Keep both (restore under a new name)</source>
        <translation>両方残す (新しい名前でリストア)</translation>
    </message>
    <message>
        <source>Restore...</source>
        <translation>リストア...</translation>
    </message>
    <message>
        <source>Shows a summary; the restore starts when you confirm it</source>
        <translation>概要を表示します。確認するとリストアが始まります</translation>
    </message>
    <message>
        <source>Name the device or image file to write, such as /dev/vdb.</source>
        <translation>書き込むデバイスまたはイメージファイルを /dev/vdb のように指定してください。</translation>
    </message>
    <message>
        <source>A system generation is restored whole, as one image.</source>
        <translation>システムの世代は 1 つのイメージとして丸ごとリストアします。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Write the system image of the generation of %1 of &quot;%2&quot; to %3 on &quot;%4&quot;.&lt;/p&gt;&lt;p&gt;Everything on it is replaced. Network settings are not restored: set them up after the restore.&lt;/p&gt;</source>
        <translation>&lt;p&gt;「%2」の %1 の世代のシステムイメージを「%4」の %3 に書き込みます。&lt;/p&gt;&lt;p&gt;書き込み先の内容はすべて置き換えられます。ネットワーク設定はリストアされないため、リストア後に設定してください。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>デバイス(&amp;D):</translation>
    </message>
    <message>
        <source>/dev/vdb or an image file</source>
        <translation>/dev/vdb またはイメージファイル</translation>
    </message>
    <message>
        <source>The device or image file on the target server that receives the system image</source>
        <translation>システムイメージを書き込む、リストア先サーバーのデバイスまたはイメージファイル</translation>
    </message>
    <message>
        <source>A system restore replaces everything on the device. Network settings are not restored; set them up after the restore.</source>
        <translation>システムリストアはデバイスの内容をすべて置き換えます。ネットワーク設定はリストアされないため、リストア後に設定してください。</translation>
    </message>
    <message>
        <source>%1 is restored with the folder %2; take the folder off the restore list instead.</source>
        <translation>%1 はフォルダー %2 と一緒にリストアされます。外すには、そのフォルダーをリストア一覧から外してください。</translation>
    </message>
    <message>
        <source>Search the whole generation by name</source>
        <translation>世代全体を名前で検索</translation>
    </message>
    <message>
        <source>The server looks through every folder of the generation, also those not opened here</source>
        <translation>サーバーが世代のすべてのフォルダーを検索します。ここで開いていないフォルダーも対象です</translation>
    </message>
    <message>
        <source>Check the entries found, or drag them onto the restore list; clear the search to see the tree again.</source>
        <translation>見つかった項目にチェックを付けるか、リストア一覧へドラッグしてください。検索を消すとツリーに戻ります。</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::ServersView</name>
    <message>
        <source>Your role may not change plans.</source>
        <translation>あなたのロールではプランを変更できません。</translation>
    </message>
    <message>
        <source>No server has enrolled yet. Install the agent on a server with an enrollment token; it then appears here as unprotected.</source>
        <translation>まだ登録されたサーバーがありません。登録トークンを使ってサーバーにエージェントをインストールすると、未保護としてここに表示されます。</translation>
    </message>
    <message>
        <source>Not connected to a server. Use File &gt; Connect to Server to log in.</source>
        <translation>サーバーに接続していません。[ファイル] &gt; [サーバーに接続] からログインしてください。</translation>
    </message>
    <message>
        <source>The plan of &quot;%1&quot; is saved.</source>
        <translation>「%1」のプランを保存しました。</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; is no longer protected; %n generation(s) deleted.</source>
        <translation>
            <numerusform>「%1」の保護を解除しました。%n 世代を削除しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Unprotect &quot;%1&quot;</source>
        <translation>「%1」の保護解除</translation>
    </message>
    <message numerus="yes">
        <source>Unprotecting &quot;%1&quot; deletes all its backup data: %n generation(s), %2. This cannot be undone. The server stays in the list and can be protected again later, starting afresh.</source>
        <translation>
            <numerusform>「%1」の保護を解除すると、すべてのバックアップデータ (%n 世代、%2) が削除されます。この操作は元に戻せません。サーバーは一覧に残り、後で改めて保護できます (新規の開始になります)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Backup Data</source>
        <translation>バックアップデータを削除</translation>
    </message>
    <message>
        <source>Back Up &quot;%1&quot;</source>
        <translation>「%1」のバックアップ</translation>
    </message>
    <message>
        <source>Backup of &quot;%1&quot; started as job %2.</source>
        <translation>「%1」のバックアップをジョブ %2 として開始しました。</translation>
    </message>
    <message>
        <source>Stop Job %1</source>
        <translation>ジョブ %1 の停止</translation>
    </message>
    <message>
        <source>Job %1 is being stopped.</source>
        <translation>ジョブ %1 を停止しています。</translation>
    </message>
    <message>
        <source>&amp;Protect...</source>
        <translation>保護(&amp;P)...</translation>
    </message>
    <message>
        <source>Choose a plan and start backing up the selected server (Ctrl+P)</source>
        <translation>プランを選び、選択したサーバーのバックアップを開始します (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Edit Plan...</source>
        <translation>プランを編集(&amp;E)...</translation>
    </message>
    <message>
        <source>Change the selected server&apos;s plan (Ctrl+E)</source>
        <translation>選択したサーバーのプランを変更します (Ctrl+E)</translation>
    </message>
    <message>
        <source>&amp;Unprotect...</source>
        <translation>保護解除(&amp;U)...</translation>
    </message>
    <message>
        <source>Stop protecting the selected server and delete its backup data</source>
        <translation>選択したサーバーの保護をやめ、そのバックアップデータを削除します</translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation>今すぐバックアップ(&amp;B)</translation>
    </message>
    <message>
        <source>Start an immediate backup of the selected server (Ctrl+B)</source>
        <translation>選択したサーバーの即時バックアップを開始します (Ctrl+B)</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the selected server&apos;s running backup (Ctrl+.)</source>
        <translation>選択したサーバーの実行中のバックアップを停止します (Ctrl+.)</translation>
    </message>
    <message>
        <source>Filter by name, region, system, flavor or address</source>
        <translation>名前、リージョン、OS、フレーバー、アドレスで絞り込み</translation>
    </message>
    <message>
        <source>Shows only servers whose name, region, system, flavor or address contains this text</source>
        <translation>名前、リージョン、OS、フレーバー、アドレスにこの文字列を含むサーバーだけを表示します</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>表示(&amp;H):</translation>
    </message>
    <message>
        <source>All servers</source>
        <translation>すべてのサーバー</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>保護中</translation>
    </message>
    <message>
        <source>Unprotected</source>
        <translation>未保護</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>Generations</source>
        <translation>世代</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>アラート</translation>
    </message>
    <message>
        <source>Acknowledge Alert</source>
        <translation>アラートの確認</translation>
    </message>
    <message>
        <source>The alert &quot;%1&quot; is acknowledged.</source>
        <translation>アラート「%1」を確認済みにしました。</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>確認済みにする(&amp;A)</translation>
    </message>
    <message>
        <source>Record that you have seen the selected open alert</source>
        <translation>選択した未対応のアラートを確認したことを記録します</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; is deleted with %n generation(s); its agent must enroll again.</source>
        <translation>
            <numerusform>「%1」を %n 世代とともに削除しました。エージェントは登録し直す必要があります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Client &quot;%1&quot;</source>
        <translation>クライアント「%1」の削除</translation>
    </message>
    <message numerus="yes">
        <source>Deleting &quot;%1&quot; removes the server from the list and deletes all its backup data: %n generation(s), %2. This cannot be undone. Its agent must enroll again with a new token to return.</source>
        <translation>
            <numerusform>「%1」を削除すると、サーバーが一覧から消え、すべてのバックアップデータ (%n 世代、%2) が削除されます。この操作は元に戻せません。再び使うには、エージェントを新しいトークンで登録し直す必要があります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Client</source>
        <translation>クライアントを削除</translation>
    </message>
    <message>
        <source>E&amp;nroll Server...</source>
        <translation>サーバーを登録(&amp;N)...</translation>
    </message>
    <message>
        <source>Create an enrollment token and agent package for a new server</source>
        <translation>新しいサーバー用の登録トークンとエージェントパッケージを作成します</translation>
    </message>
    <message>
        <source>&amp;Delete Client...</source>
        <translation>クライアントを削除(&amp;D)...</translation>
    </message>
    <message>
        <source>Remove the selected server and all its backup data; its agent must enroll again</source>
        <translation>選択したサーバーとそのすべてのバックアップデータを削除します。エージェントは登録し直す必要があります</translation>
    </message>
    <message>
        <source>&amp;Restore...</source>
        <translation>リストア(&amp;R)...</translation>
    </message>
    <message>
        <source>Open the Restore page with the selected server&apos;s generations</source>
        <translation>選択したサーバーの世代でリストアページを開きます</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::SettingsView</name>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>接続していません。</translation>
    </message>
    <message>
        <source>Logging in to &quot;%1&quot;...</source>
        <translation>「%1」にログインしています...</translation>
    </message>
    <message>
        <source>Connected to &quot;%1&quot; as %2 (%3).</source>
        <translation>「%1」に %2 (%3) として接続しています。</translation>
    </message>
    <message>
        <source>The connection to &quot;%1&quot; is lost; the console keeps trying.</source>
        <translation>「%1」との接続が切れました。コンソールは再接続を続けます。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>The console switches at once; no restart is needed</source>
        <translation>コンソールはすぐに切り替わります。再起動は不要です</translation>
    </message>
    <message>
        <source>Dates, times, numbers and sizes follow the chosen language.</source>
        <translation>日付、時刻、数値、サイズも選んだ言語に従います。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <source>&amp;Connect to Server...</source>
        <translation>サーバーに接続(&amp;C)...</translation>
    </message>
    <message>
        <source>Log in to a Kura server by its address</source>
        <translation>アドレスを指定して Kura サーバーにログインします</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>切断(&amp;D)</translation>
    </message>
    <message>
        <source>Log out and close the connection to the server</source>
        <translation>ログアウトしてサーバーとの接続を閉じます</translation>
    </message>
    <message>
        <source>About</source>
        <translation>情報</translation>
    </message>
    <message>
        <source>Kura %1, the console of the Kura backup system. It manages the servers, plans, jobs and reports of one tenant through the server&apos;s API.
Qt %2.</source>
        <translation>Kura %1: Kura バックアップシステムのコンソール。サーバーの API を通じて、1 つのテナントのサーバー、プラン、ジョブ、レポートを管理します。
Qt %2。</translation>
    </message>
</context>
<context>
    <name>Kura::Widgets::UsageView</name>
    <message>
        <source>No usage was recorded in this month. A server&apos;s protected data is sampled on each day one of its backups succeeds.</source>
        <translation>この月の使用量は記録されていません。サーバーの保護データ量は、そのバックアップが成功した日ごとに記録されます。</translation>
    </message>
    <message numerus="yes">
        <source>Tenant total for %n server(s): monthly average %1, estimated charge %2</source>
        <translation>
            <numerusform>テナント合計 (%n 台のサーバー): 月平均 %1、概算料金 %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tenant total for %n server(s): monthly average %1; the charge cannot be estimated (see the servers without one)</source>
        <translation>
            <numerusform>テナント合計 (%n 台のサーバー): 月平均 %1。料金は算出できません (料金のないサーバーを参照)</numerusform>
        </translation>
    </message>
    <message>
        <source>Day of the month (UTC)</source>
        <translation>日 (UTC)</translation>
    </message>
    <message>
        <source>Export Usage</source>
        <translation>使用量のエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
        <source>The server&apos;s CSV document cannot be read: %1</source>
        <translation>サーバーの CSV ドキュメントを読み取れません: %1</translation>
    </message>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation>「%1」に書き込めません: %2</translation>
    </message>
    <message numerus="yes">
        <source>Usage of %n server(s) exported to &quot;%1&quot;.</source>
        <translation>
            <numerusform>%n 台のサーバーの使用量を「%1」にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>更新(&amp;R)</translation>
    </message>
    <message>
        <source>Load the month&apos;s usage from the server again</source>
        <translation>この月の使用量をサーバーから再度読み込みます</translation>
    </message>
    <message>
        <source>E&amp;xport CSV...</source>
        <translation>CSV をエクスポート(&amp;X)...</translation>
    </message>
    <message>
        <source>Save the month&apos;s usage of every server and the total as a CSV file</source>
        <translation>この月の全サーバーの使用量と合計を CSV ファイルに保存します</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>月(&amp;M):</translation>
    </message>
    <message>
        <source>MMMM yyyy</source>
        <extracomment>Date format of the month picker on the Usage page (QDate format)</extracomment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>Daily protected data of %1 (%2)</source>
        <extracomment>Title of the usage chart: %1 a server&apos;s name, %2 a unit such as GiB</extracomment>
        <translation>%1 の日次保護データ量 (%2)</translation>
    </message>
    <message>
        <source>Protected data of every server, each at its latest sample (%1)</source>
        <translation>全サーバーの保護データ量 (各サーバーの最新サンプル、%1)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Log in to the server at &lt;url&gt;.</source>
        <translation>&lt;url&gt; のサーバーにログインします。</translation>
    </message>
    <message>
        <source>Tenant to log in to.</source>
        <translation>ログインするテナント。</translation>
    </message>
    <message>
        <source>User name to log in as.</source>
        <translation>ログインするユーザー名。</translation>
    </message>
    <message>
        <source>Use the API key in the KURA_TOKEN environment variable instead of a password.</source>
        <translation>パスワードの代わりに環境変数 KURA_TOKEN の API キーを使用します。</translation>
    </message>
    <message>
        <source>The Kura backup console. Without --connect it starts its own local server.</source>
        <translation>Kura バックアップコンソール。--connect を指定しないと、自身のローカルサーバーを起動します。</translation>
    </message>
</context>
</TS>

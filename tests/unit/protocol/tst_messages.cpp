#include <protocol/auth.h>
#include <protocol/messages.h>
#include <protocol/private/datapathcodec.h>

#include <testsupport.h>

#include <QCborArray>
#include <QCborValue>
#include <QTest>

using namespace Kura;
using namespace Kura::Protocol;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Kura::Protocol::Message)

namespace {

QByteArray id(char fill)
{
    return QByteArray(ChunkIdBytes, fill);
}

HostFacts sampleFacts()
{
    return HostFacts{u"db-01"_s, u"debian"_s, u"12"_s, u"x86_64"_s, u"m5.large"_s, u"0.1.0"_s,
                     {u"10.0.0.5"_s, u"fe80::1"_s}};
}

// One filled-in sample of every message type, with the keys that must be present.
struct Sample
{
    const char *name;
    Message message;
    QStringList requiredKeys;
};

QList<Sample> samples()
{
    JobStart job{42, Policy::JobKind::FileBackup, {u"/etc"_s, u"/home"_s}, {u"*.tmp"_s}, QString(),
                 u"pg_dump > /var/dump.sql"_s, u"rm /var/dump.sql"_s, 300, u"snap-9"_s, id('k'), 1000000,
                 256 * 1024, 1024 * 1024, 4 * 1024 * 1024, 0xfedcba9876543210ull, id('p')};
    RestoreStart restore{43, Policy::JobKind::FileRestore, id('r'), id('k'), u"/restore"_s,
                         {u"/etc/hosts"_s}, OverwritePolicy::KeepBoth, QString(), 0};
    JobFinished finished{Policy::JobState::Succeeded, QString(), {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, id('t')};
    BrowseReply browse{u"/var"_s,
                       {BrowseEntry{u"log"_s, BrowseEntry::Kind::Directory, 4096, 1767225600000},
                        BrowseEntry{u"lib.so"_s, BrowseEntry::Kind::Symlink, 0, -5}},
                       true};
    return {
        {"hello", Hello{1, 3, Role::Agent, u"0.1.0"_s, DefaultReceiveWindowBytes},
         {u"minVersion"_s, u"maxVersion"_s, u"role"_s, u"softwareVersion"_s, u"receiveWindowBytes"_s}},
        {"hello_reply", HelloReply{1, u"0.1.0"_s, MinReceiveWindowBytes},
         {u"version"_s, u"softwareVersion"_s, u"receiveWindowBytes"_s}},
        {"auth_challenge", AuthChallenge{QByteArray(NonceBytes, 'n')}, {u"nonce"_s}},
        {"auth_response", AuthResponse{u"agent-7"_s, QByteArray(MacBytes, 'm')}, {u"agentId"_s, u"mac"_s}},
        {"auth_result", AuthResult{u"agent-7"_s}, {u"agentId"_s}},
        {"enroll", Enroll{u"tok-123"_s, sampleFacts()}, {u"token"_s, u"facts"_s}},
        {"enroll_result", EnrollResult{u"agent-7"_s, QByteArray(SecretBytes, 's')},
         {u"agentId"_s, u"agentSecret"_s}},
        {"host_facts", sampleFacts(),
         {u"hostName"_s, u"osId"_s, u"osVersion"_s, u"arch"_s, u"agentVersion"_s}},
        {"heartbeat", Heartbeat{1767225600123}, {u"sentMs"_s}},
        {"error", ErrorMessage{ErrorCode::Unauthorized, u"bad token"_s, true}, {u"code"_s, u"message"_s}},
        {"job_start", job, {u"jobId"_s, u"kind"_s, u"chunkIdKey"_s}},
        {"job_progress", JobProgress{10, 100, 1, 5, u"/etc/passwd"_s},
         {u"bytesDone"_s, u"bytesTotal"_s, u"filesDone"_s, u"filesTotal"_s}},
        {"job_finished", finished, {u"state"_s, u"statistics"_s}},
        {"cancel", Cancel{u"stopped by admin"_s}, {}},
        {"restore_start", restore, {u"jobId"_s, u"kind"_s, u"rootId"_s, u"chunkIdKey"_s, u"targetPath"_s}},
        {"browse_request", BrowseRequest{u"/var"_s, 50}, {u"path"_s}},
        {"browse_reply", browse, {u"path"_s, u"entries"_s, u"truncated"_s}},
        {"missing_chunks_query", MissingChunksQuery{{id('a'), id('b'), id('c')}}, {u"ids"_s}},
        {"missing_chunks_reply", MissingChunksReply{{id('b')}}, {u"missing"_s}},
        {"chunk_data", ChunkData{id('a'), BlobKind::Tree, 1000, Compression::Zstd, 400},
         {u"id"_s, u"kind"_s, u"rawLength"_s, u"compression"_s, u"storedLength"_s}},
        {"chunk_ack", ChunkAck{4096}, {u"bytes"_s}},
        {"fetch_chunks", FetchChunks{BlobKind::Tree, {id('a'), id('b')}}, {u"kind"_s, u"ids"_s}},
        {"chunk_unavailable", ChunkUnavailable{id('a'), u"pack 12 is damaged"_s}, {u"id"_s, u"message"_s}},
        {"job_event", JobEvent{JobEvent::Level::Warning, u"pre-command exited with 0"_s}, {u"level"_s, u"text"_s}},
    };
}

// A value of a CBOR type that differs from `value`'s.
QCborValue mistyped(const QCborValue &value)
{
    return value.isString() ? QCborValue(7) : QCborValue(u"wrong"_s);
}

QCborMap mapOf(const Message &message)
{
    return messageToCbor(message);
}

} // namespace

class tst_Messages : public QObject
{
    Q_OBJECT

private slots:
    void everyTypeHasASample();
    void roundTrips_data();
    void roundTrips();
    void rejectsMissingRequiredFields_data();
    void rejectsMissingRequiredFields();
    void acceptsMissingOptionalFields_data();
    void acceptsMissingOptionalFields();
    void rejectsMistypedFields_data();
    void rejectsMistypedFields();
    void rejectsOutOfRangeValues_data();
    void rejectsOutOfRangeValues();
    void rejectsBadPayloads_data();
    void rejectsBadPayloads();
    void ignoresUnknownKeys();
    void dataPathCodecWritesTheGenericBytes_data();
    void dataPathCodecWritesTheGenericBytes();
    void dataPathDecoderLeavesOtherFormsToTheGenericPath_data();
    void dataPathDecoderLeavesOtherFormsToTheGenericPath();
    void dataPathDecoderAgreesWithTheGenericOnDamagedBytes();
    void authMacMatchesReferenceVector();
    void authMacRejectsWrongInputs();
};

void tst_Messages::everyTypeHasASample()
{
    QSet<MessageType> covered;
    for (const Sample &sample : samples()) {
        covered.insert(messageType(sample.message));
        QCOMPARE(QLatin1StringView(messageTypeName(messageType(sample.message))),
                 QLatin1StringView(sample.name));
    }
    QCOMPARE(covered.size(), qsizetype(std::variant_size_v<Message>));
}

void tst_Messages::roundTrips_data()
{
    QTest::addColumn<Message>("message");
    for (const Sample &sample : samples())
        QTest::newRow(sample.name) << sample.message;
}

void tst_Messages::roundTrips()
{
    QFETCH(Message, message);
    const QByteArray payload = encodeMessage(message);
    const auto decoded = decodeMessage(payload);
    QVERIFY_RESULT(decoded);
    QVERIFY(*decoded == message);
    QCOMPARE(encodeMessage(*decoded), payload);
}

void tst_Messages::rejectsMissingRequiredFields_data()
{
    QTest::addColumn<QCborMap>("map");
    QTest::addColumn<QString>("key");
    for (const Sample &sample : samples()) {
        for (const QString &key : sample.requiredKeys) {
            QCborMap map = mapOf(sample.message);
            QVERIFY(map.contains(key));
            map.remove(key);
            QTest::addRow("%s without %s", sample.name, qPrintable(key)) << map << key;
        }
    }
}

void tst_Messages::rejectsMissingRequiredFields()
{
    QFETCH(QCborMap, map);
    QFETCH(QString, key);
    const auto result = messageFromCbor(map);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::Corrupt);
    QVERIFY2(result.error().message().contains(u"\"%1\""_s.arg(key)), qPrintable(result.error().message()));
}

void tst_Messages::acceptsMissingOptionalFields_data()
{
    QTest::addColumn<QCborMap>("map");
    for (const Sample &sample : samples()) {
        const QCborMap full = mapOf(sample.message);
        for (auto it = full.begin(); it != full.end(); ++it) {
            const QString key = it.key().toString();
            if (key == u"t"_s || sample.requiredKeys.contains(key))
                continue;
            QCborMap map = full;
            map.remove(key);
            QTest::addRow("%s without %s", sample.name, qPrintable(key)) << map;
        }
    }
}

void tst_Messages::acceptsMissingOptionalFields()
{
    QFETCH(QCborMap, map);
    QVERIFY_RESULT(messageFromCbor(map));
}

void tst_Messages::rejectsMistypedFields_data()
{
    QTest::addColumn<QCborMap>("map");
    QTest::addColumn<QString>("key");
    for (const Sample &sample : samples()) {
        const QCborMap full = mapOf(sample.message);
        for (auto it = full.begin(); it != full.end(); ++it) {
            const QString key = it.key().toString();
            if (key == u"t"_s)
                continue;
            QCborMap map = full;
            map.insert(key, mistyped(it.value()));
            QTest::addRow("%s with mistyped %s", sample.name, qPrintable(key)) << map << key;
        }
    }
}

void tst_Messages::rejectsMistypedFields()
{
    QFETCH(QCborMap, map);
    QFETCH(QString, key);
    const auto result = messageFromCbor(map);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::Corrupt);
    QVERIFY2(result.error().message().contains(u"\"%1\""_s.arg(key)), qPrintable(result.error().message()));
}

void tst_Messages::rejectsOutOfRangeValues_data()
{
    QTest::addColumn<QCborMap>("map");
    QTest::addColumn<QString>("expected");
    auto with = [](const Message &message, const QString &key, const QCborValue &value) {
        QCborMap map = messageToCbor(message);
        map.insert(key, value);
        return map;
    };
    const auto all = samples();
    auto sample = [&all](const char *name) {
        for (const Sample &s : all) {
            if (qstrcmp(s.name, name) == 0)
                return s.message;
        }
        return Message();
    };
    QTest::newRow("hello max below min") << with(sample("hello"), u"maxVersion"_s, 0) << u"\"maxVersion\" value 0"_s;
    QTest::newRow("hello window too small") << with(sample("hello"), u"receiveWindowBytes"_s, 1024)
                                            << u"\"receiveWindowBytes\" value 1024 is outside"_s;
    QTest::newRow("hello unknown role") << with(sample("hello"), u"role"_s, u"console"_s) << u"no known role"_s;
    QTest::newRow("short nonce") << with(sample("auth_challenge"), u"nonce"_s, QByteArray(31, 'n'))
                                 << u"\"nonce\" has 31 bytes, expected 32"_s;
    QTest::newRow("empty agent id") << with(sample("auth_result"), u"agentId"_s, QString()) << u"\"agentId\" is empty"_s;
    QTest::newRow("unknown error code") << with(sample("error"), u"code"_s, u"oops"_s) << u"no known error code"_s;
    QTest::newRow("job_start of a restore kind") << with(sample("job_start"), u"kind"_s, u"file_restore"_s)
                                                 << u"is not allowed here"_s;
    QTest::newRow("job_start with job id 0") << with(sample("job_start"), u"jobId"_s, 0) << u"\"jobId\" value 0"_s;
    QTest::newRow("system backup without device")
        << with(sample("job_start"), u"kind"_s, u"system_backup"_s) << u"\"device\" is empty"_s;
    QTest::newRow("include path item mistyped")
        << with(sample("job_start"), u"includePaths"_s, QCborArray{u"/etc"_s, 5}) << u"\"includePaths item 1\""_s;
    QTest::newRow("too long path") << with(sample("browse_request"), u"path"_s, QString(5000, u'a'))
                                   << u"longer than 4096 bytes"_s;
    QTest::newRow("browse zero entries") << with(sample("browse_request"), u"maxEntries"_s, 0)
                                         << u"\"maxEntries\" value 0"_s;
    QTest::newRow("running is not final") << with(sample("job_finished"), u"state"_s, u"running"_s)
                                          << u"not a final job state"_s;
    QTest::newRow("negative statistic")
        << with(sample("job_finished"), u"statistics"_s, QCborMap{{u"bytesRead"_s, -1}}) << u"\"bytesRead\" value -1"_s;
    QTest::newRow("unknown overwrite policy") << with(sample("restore_start"), u"overwrite"_s, u"merge"_s)
                                              << u"no known policy"_s;
    QTest::newRow("short chunk id in query")
        << with(sample("missing_chunks_query"), u"ids"_s, QCborArray{QByteArray(32, 'a'), QByteArray(31, 'b')})
        << u"\"ids item 1\" has 31 bytes"_s;
    QCborArray tooMany;
    for (int i = 0; i <= MaxIdsPerQuery; ++i)
        tooMany.append(QByteArray(32, 'x'));
    QTest::newRow("too many ids") << with(sample("missing_chunks_query"), u"ids"_s, tooMany)
                                  << u"has 4097 items, more than 4096"_s;
    QTest::newRow("stored differs without compression")
        << with(sample("chunk_data"), u"compression"_s, u"none"_s) << u"differs from rawLength"_s;
    QTest::newRow("chunk above frame limit")
        << with(sample("chunk_data"), u"rawLength"_s, qint64(MaxDataPayloadBytes) + 1) << u"\"rawLength\" value"_s;
    QTest::newRow("unknown compression") << with(sample("chunk_data"), u"compression"_s, u"lz4"_s)
                                         << u"no known compression"_s;
    QTest::newRow("zero ack") << with(sample("chunk_ack"), u"bytes"_s, 0) << u"\"bytes\" value 0"_s;
    QTest::newRow("browse entry not a map")
        << with(sample("browse_reply"), u"entries"_s, QCborArray{1}) << u"entry 0 is not a map"_s;
    QTest::newRow("enroll facts without host name")
        << with(sample("enroll"), u"facts"_s, QCborMap{{u"osId"_s, u"debian"_s}}) << u"\"hostName\" is missing"_s;
}

void tst_Messages::rejectsOutOfRangeValues()
{
    QFETCH(QCborMap, map);
    QFETCH(QString, expected);
    const auto result = messageFromCbor(map);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::Corrupt);
    QVERIFY2(result.error().message().contains(expected), qPrintable(result.error().message()));
}

void tst_Messages::rejectsBadPayloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("expected");
    const QByteArray heartbeat = encodeMessage(Heartbeat{5});
    QTest::newRow("empty") << QByteArray() << u"not valid CBOR"_s;
    QTest::newRow("truncated map") << heartbeat.left(heartbeat.size() - 1) << u"not valid CBOR"_s;
    QTest::newRow("trailing bytes") << heartbeat + "\x00"_ba << u"1 bytes after its CBOR value"_s;
    QTest::newRow("array, not map") << QCborValue(QCborArray{1, 2}).toCbor() << u"not a CBOR map"_s;
    QTest::newRow("no type key") << QCborValue(QCborMap{{u"sentMs"_s, 1}}).toCbor() << u"no text \"t\""_s;
    QTest::newRow("unknown type") << QCborValue(QCborMap{{u"t"_s, u"reboot"_s}}).toCbor()
                                  << u"unknown control message type \"reboot\""_s;
    QTest::newRow("huge declared string") << QByteArray::fromHex("a1617 47bffffffffffffff00").replace(' ', "")
                                          << u"not valid CBOR"_s;
}

void tst_Messages::rejectsBadPayloads()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, expected);
    const auto result = decodeMessage(payload);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::Corrupt);
    QVERIFY2(result.error().message().contains(expected), qPrintable(result.error().message()));
}

void tst_Messages::ignoresUnknownKeys()
{
    QCborMap map = messageToCbor(Heartbeat{77});
    map.insert(u"futureField"_s, QCborArray{1, 2, 3});
    const auto result = messageFromCbor(map);
    QVERIFY_RESULT(result);
    QCOMPARE(std::get<Heartbeat>(*result).sentMs, 77);
}

void tst_Messages::dataPathCodecWritesTheGenericBytes_data()
{
    QTest::addColumn<Message>("message");
    // Every width of CBOR integer: in the initial byte, then 1, 2 and 4 bytes following.
    const qint64 lengths[] = {0, 23, 24, 255, 256, 65535, 65536, qint64(MaxDataPayloadBytes)};
    for (const qint64 raw : lengths) {
        QTest::addRow("data %lld raw", raw) << Message(ChunkData{id('d'), BlobKind::Data, raw, Compression::None, raw});
        QTest::addRow("tree %lld zstd", raw)
            << Message(ChunkData{id('t'), BlobKind::Tree, qint64(MaxDataPayloadBytes), Compression::Zstd, raw});
    }
    for (const qint64 bytes : {qint64(1), qint64(23), qint64(24), qint64(70000), MaxReceiveWindowBytes})
        QTest::addRow("ack %lld", bytes) << Message(ChunkAck{bytes});
}

void tst_Messages::dataPathCodecWritesTheGenericBytes()
{
    QFETCH(Message, message);
    const auto fast = Detail::encodeDataPathMessage(message);
    QVERIFY(fast);
    QCOMPARE(*fast, Detail::encodeMessageGeneric(message));
    const auto decoded = Detail::decodeDataPathMessage(*fast);
    QVERIFY(decoded);
    QVERIFY(*decoded == message);
}

void tst_Messages::dataPathDecoderLeavesOtherFormsToTheGenericPath_data()
{
    QTest::addColumn<QByteArray>("payload");
    const ChunkData chunk{id('a'), BlobKind::Data, 300, Compression::Zstd, 200};
    const QCborMap canonical = messageToCbor(chunk);
    QCborMap reordered;
    for (const QString &key : {u"storedLength"_s, u"t"_s, u"compression"_s, u"id"_s, u"rawLength"_s, u"kind"_s})
        reordered.insert(key, canonical.value(key));
    QTest::newRow("keys in another order") << QCborValue(reordered).toCbor();
    QCborMap extra = canonical;
    extra.insert(u"futureField"_s, 1);
    QTest::newRow("an unknown key") << QCborValue(extra).toCbor();
    // storedLength 200 (0x18 0xc8) written in two bytes instead of one.
    QByteArray wide = Detail::encodeMessageGeneric(chunk);
    QVERIFY(wide.endsWith("\x18\xc8"_ba));
    wide.chop(2);
    wide.append("\x19\x00\xc8"_ba);
    QTest::newRow("a longer integer than needed") << wide;
    QCborMap bad = canonical;
    bad.insert(u"compression"_s, u"none"_s);
    QTest::newRow("stored differs without compression") << QCborValue(bad).toCbor();
    bad = canonical;
    bad.insert(u"id"_s, QByteArray(31, 'a'));
    QTest::newRow("short id") << QCborValue(bad).toCbor();
    QTest::newRow("zero ack") << QCborValue(QCborMap{{u"t"_s, u"chunk_ack"_s}, {u"bytes"_s, 0}}).toCbor();
    QTest::newRow("ack as text")
        << QCborValue(QCborMap{{u"t"_s, u"chunk_ack"_s}, {u"bytes"_s, u"9"_s}}).toCbor();
    QTest::newRow("another message") << encodeMessage(Heartbeat{5});
    QTest::newRow("trailing byte") << Detail::encodeMessageGeneric(ChunkAck{5}) + "\x00"_ba;
}

void tst_Messages::dataPathDecoderLeavesOtherFormsToTheGenericPath()
{
    QFETCH(QByteArray, payload);
    QVERIFY(!Detail::decodeDataPathMessage(payload));
    const auto viaDecode = decodeMessage(payload);
    const auto generic = Detail::decodeMessageGeneric(payload);
    QCOMPARE(bool(viaDecode), bool(generic));
    if (generic)
        QVERIFY(*viaDecode == *generic);
    else
        QCOMPARE(viaDecode.error().message(), generic.error().message());
}

void tst_Messages::dataPathDecoderAgreesWithTheGenericOnDamagedBytes()
{
    // Every truncation and every byte replaced by a few values: whatever the fast decoder
    // accepts, the generic one accepts as the same message.
    int accepted = 0;
    int checked = 0;
    for (const Message &message : {Message(ChunkData{id('a'), BlobKind::Tree, 70000, Compression::Zstd, 300}),
                                   Message(ChunkData{id('b'), BlobKind::Data, 20, Compression::None, 20}),
                                   Message(ChunkAck{65536})}) {
        const QByteArray good = encodeMessage(message);
        QList<QByteArray> damaged;
        for (qsizetype n = 0; n < good.size(); ++n)
            damaged.append(good.left(n));
        for (qsizetype at = 0; at < good.size(); ++at) {
            for (const char value : {'\x00', '\x01', '\x17', '\x18', '\x19', '\x1a', '\x1b', 'a', '\x20', '\x58',
                                     '\x61', '\x64', '\xa6', '\xff', char(good[at] ^ 0x01), char(good[at] ^ 0x80)}) {
                QByteArray copy = good;
                copy[at] = value;
                damaged.append(copy);
            }
        }
        for (const QByteArray &payload : damaged) {
            ++checked;
            const auto fast = Detail::decodeDataPathMessage(payload);
            if (!fast)
                continue;
            ++accepted;
            const auto generic = Detail::decodeMessageGeneric(payload);
            QVERIFY2(generic, qPrintable(payload.toHex()));
            QVERIFY2(*generic == *fast, qPrintable(payload.toHex()));
        }
    }
    // Replacing a byte of the id, or a value by another valid one, still decodes.
    QVERIFY2(accepted > 100, qPrintable(u"%1 of %2 accepted"_s.arg(accepted).arg(checked)));
}

void tst_Messages::authMacMatchesReferenceVector()
{
    // HMAC-SHA-256(key = 32 x 0x01, "kura-agent-auth-v1\0" + 32 x 0x02 + "agent-1"), computed
    // independently with Python's hmac module.
    const auto mac = authMac(QByteArray(32, '\x01'), QByteArray(32, '\x02'), u"agent-1"_s);
    QVERIFY_RESULT(mac);
    QCOMPARE(mac->toHex(), "b9c0883f02404da0fb5a996fd7f2eee1cb3156374ee4196e8710c5dab3a0c530"_ba);
}

void tst_Messages::authMacRejectsWrongInputs()
{
    const auto secret = newAgentSecret();
    const auto nonce = newAuthNonce();
    QVERIFY_RESULT(secret);
    QVERIFY_RESULT(nonce);
    QVERIFY(*secret != *nonce);
    const auto mac = authMac(*secret, *nonce, u"agent-1"_s);
    QVERIFY_RESULT(mac);
    QVERIFY_RESULT(verifyAuthMac(*secret, *nonce, u"agent-1"_s, *mac));
    const auto otherNonce = newAuthNonce();
    QVERIFY_RESULT(otherNonce);
    for (const Status &status : {verifyAuthMac(*secret, *otherNonce, u"agent-1"_s, *mac),
                                 verifyAuthMac(*secret, *nonce, u"agent-2"_s, *mac),
                                 verifyAuthMac(*otherNonce, *nonce, u"agent-1"_s, *mac),
                                 verifyAuthMac(*secret, *nonce, u"agent-1"_s, mac->left(31))}) {
        QVERIFY(!status);
        QCOMPARE(status.error().code(), ErrorCode::Unauthorized);
    }
    QCOMPARE(authMac(secret->left(16), *nonce, u"a"_s).error().code(), ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_Messages)
#include "tst_messages.moc"

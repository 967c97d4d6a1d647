// Writes the seed corpus of the frame fuzz target into the folder given as argument. Each
// file starts with one slicing byte (see fuzz_frame.cpp) followed by a byte stream.
#include <protocol/frame.h>
#include <protocol/messages.h>

#include <QDir>
#include <QFile>

#include <cstdio>

using namespace Kura;
using namespace Kura::Protocol;
using namespace Qt::StringLiterals;

namespace {

QByteArray control(quint32 stream, const Message &message)
{
    return FrameEncoder::encode(Frame{FrameType::Control, stream, encodeMessage(message)}).value_or(QByteArray());
}

QByteArray chunk(quint32 stream, const QByteArray &stored)
{
    const ChunkData header{QByteArray(ChunkIdBytes, 'c'), BlobKind::Data, stored.size(), Compression::None, stored.size()};
    return control(stream, header) + FrameEncoder::encode(Frame{FrameType::Data, stream, stored}).value_or(QByteArray());
}

QByteArray handshake()
{
    return control(0, Hello{1, 1, Role::Agent, u"0.1.0"_s, MinReceiveWindowBytes})
        + control(0, HelloReply{1, u"0.1.0"_s, MinReceiveWindowBytes})
        + control(0, AuthChallenge{QByteArray(NonceBytes, 'n')})
        + control(0, AuthResponse{u"agent-1"_s, QByteArray(MacBytes, 'm')})
        + control(0, AuthResult{u"agent-1"_s});
}

QList<std::pair<QString, QByteArray>> seeds()
{
    const HostFacts facts{u"db-01"_s, u"debian"_s, u"12"_s, u"x86_64"_s, u"small"_s, u"0.1.0"_s, {u"10.0.0.5"_s}};
    const QByteArray key(IdKeyBytes, 'k');
    const QByteArray backup = handshake()
        + control(1, JobStart{7, Policy::JobKind::FileBackup, {u"/etc"_s}, {u"*.tmp"_s}, {}, u"true"_s, {}, 60, {}, key, 0,
                                     512 * 1024, 1024 * 1024, 8 * 1024 * 1024, 42, {}})
        + control(1, MissingChunksQuery{{QByteArray(ChunkIdBytes, 'a'), QByteArray(ChunkIdBytes, 'b')}})
        + control(1, MissingChunksReply{{QByteArray(ChunkIdBytes, 'a')}}) + chunk(1, "hello chunk"_ba)
        + control(0, ChunkAck{11}) + control(1, JobProgress{11, 100, 1, 2, u"/etc/hosts"_s})
        + control(1, Cancel{u"stop"_s})
        + control(1, JobFinished{Policy::JobState::Cancelled, u"stopped"_s, {1, 0, 0, 11, 11, 1, 0, 5}, {}});
    const QByteArray enroll = control(0, Hello{1, 1, Role::Agent, u"0.1.0"_s, MinReceiveWindowBytes})
        + control(0, HelloReply{1, u"0.1.0"_s, MinReceiveWindowBytes})
        + control(0, AuthChallenge{QByteArray(NonceBytes, 'n')}) + control(0, Enroll{u"token"_s, facts})
        + control(0, EnrollResult{u"agent-1"_s, QByteArray(SecretBytes, 's')}) + control(0, facts)
        + control(0, Heartbeat{1767225600000});
    const QByteArray restore = handshake()
        + control(2, RestoreStart{8, Policy::JobKind::FileRestore, QByteArray(ChunkIdBytes, 'r'), key, u"/restore"_s, {}, OverwritePolicy::KeepBoth, {}, 0})
        + chunk(2, QByteArray(300, 'z'))
        + control(3, BrowseRequest{u"/var"_s, 10})
        + control(3, BrowseReply{u"/var"_s, {BrowseEntry{u"log"_s, BrowseEntry::Kind::Directory, 0, 0}}, false})
        + control(2, ErrorMessage{ErrorCode::Io, u"disk full"_s, false});
    QByteArray oversized = FrameEncoder::encodeHeader(FrameType::Data, 1, 16).value_or(QByteArray());
    oversized[12] = char(0x7f);
    return {
        {u"handshake-backup"_s, "\x07"_ba + backup},
        {u"handshake-backup-bytewise"_s, "\x00"_ba + backup},
        {u"enroll"_s, "\x21"_ba + enroll},
        {u"restore-browse"_s, "\x3f"_ba + restore},
        {u"bad-magic"_s, "\x05GET / HTTP/1.1\r\n\r\n"_ba},
        {u"oversized"_s, "\x01"_ba + oversized},
        {u"truncated"_s, "\x02"_ba + backup.left(backup.size() / 2)},
        {u"not-cbor"_s, "\x03"_ba + FrameEncoder::encode(Frame{FrameType::Control, 0, "\xff\x00\x13"_ba}).value_or(QByteArray())},
    };
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    if (!dir.mkpath(u"."_s))
        return 1;
    for (const auto &[name, bytes] : seeds()) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
            return 1;
        }
    }
    return 0;
}

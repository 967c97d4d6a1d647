// Block devices in kura_fs: reading through a loop device, and the mounted check.

#include "fshelpers.h"

#include <store/fs/pathtext.h>
#include <store/fs/posixfilesystem.h>
#include <store/fs/private/mountinfo.h>

#include <testsupport.h>

#include <QTemporaryDir>
#include <QTest>

#include <linux/loop.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>

using namespace Kura;
using namespace Kura::Fs;
using namespace Kura::Test;

namespace {

// Attaches an image file to a free loop device for the life of the object.
class LoopDevice
{
public:
    explicit LoopDevice(const QByteArray &image)
    {
        const int imageFd = ::open(image.constData(), O_RDWR | O_CLOEXEC);
        if (imageFd < 0)
            m_problem = QStringLiteral("the image cannot be opened (errno %1)").arg(errno);
        // Another process may take the free device between the query and the attach: retry.
        for (int attempt = 0; attempt < 5 && m_fd < 0 && imageFd >= 0; ++attempt)
            attach(imageFd);
        if (imageFd >= 0)
            ::close(imageFd);
    }
    ~LoopDevice()
    {
        if (m_fd >= 0) {
            ::ioctl(m_fd, LOOP_CLR_FD, 0);
            ::close(m_fd);
        }
    }
    bool isValid() const { return m_fd >= 0; }
    const QString &problem() const { return m_problem; }
    const QByteArray &path() const { return m_path; }

private:
    void attach(int imageFd)
    {
        const int control = ::open("/dev/loop-control", O_RDWR | O_CLOEXEC);
        if (control < 0) {
            m_problem = QStringLiteral("/dev/loop-control cannot be opened (errno %1)").arg(errno);
            return;
        }
        const int number = ::ioctl(control, LOOP_CTL_GET_FREE);
        ::close(control);
        m_path = "/dev/loop" + QByteArray::number(number);
        const int fd = number < 0 ? -1 : ::open(m_path.constData(), O_RDWR | O_CLOEXEC);
        if (fd < 0 || ::ioctl(fd, LOOP_SET_FD, imageFd) != 0) {
            m_problem = QStringLiteral("no loop device can be attached here (errno %1)").arg(errno);
            if (fd >= 0)
                ::close(fd);
            return;
        }
        // Detach by itself when the last descriptor closes, even if the test crashes.
        struct loop_info64 info = {};
        info.lo_flags = LO_FLAGS_AUTOCLEAR;
        ::ioctl(fd, LOOP_SET_STATUS64, &info);
        m_fd = fd;
    }

    QByteArray m_path;
    QString m_problem;
    int m_fd = -1;
};

} // namespace

class tst_FsDevice : public QObject
{
    Q_OBJECT
private slots:
    void parsesMountInfo_data();
    void parsesMountInfo();
    void unescapesMountFields();
    void readsBlockDeviceLikeAFile();
    void writesImageOntoBlockDevice();
    void reportsMountedDeviceNode();
};

void tst_FsDevice::parsesMountInfo_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<quint32>("major");
    QTest::addColumn<quint32>("minor");
    QTest::addColumn<QByteArray>("device");
    QTest::addColumn<bool>("mounted");
    const QByteArray root("27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
                          "22 27 0:21 / /proc rw,relatime - proc proc rw\n");
    QTest::newRow("matched by number") << root << 254u << 0u << QByteArray("/dev/other") << true;
    QTest::newRow("other minor") << root << 254u << 1u << QByteArray("/dev/vdb") << false;
    QTest::newRow("matched by source path") << root << 8u << 0u << QByteArray("/dev/vda") << true;
    QTest::newRow("optional fields before the separator")
        << QByteArray("36 35 0:45 /sub /mnt rw shared:1 master:2 - btrfs /dev/sdb2 rw\n") << 8u << 18u
        << QByteArray("/dev/sdb2") << true;
    QTest::newRow("escaped space in source")
        << QByteArray("40 1 0:50 / /m rw - ext4 /dev/my\\040disk rw\n") << 9u << 9u
        << QByteArray("/dev/my disk") << true;
    QTest::newRow("fs type is not a source") << root << 9u << 9u << QByteArray("ext4") << false;
    QTest::newRow("malformed line ignored") << QByteArray("garbage 254:0\n\n") << 254u << 0u << QByteArray() << false;
    QTest::newRow("empty text") << QByteArray() << 254u << 0u << QByteArray("/dev/vda") << false;
}

void tst_FsDevice::parsesMountInfo()
{
    QFETCH(QByteArray, text);
    QFETCH(quint32, major);
    QFETCH(quint32, minor);
    QFETCH(QByteArray, device);
    QFETCH(bool, mounted);
    QCOMPARE(Posix::mountInfoListsDevice(text, major, minor, device), mounted);
}

void tst_FsDevice::unescapesMountFields()
{
    QCOMPARE(Posix::unescapeMountField("a\\040b\\011c\\012d\\134e"), QByteArray("a b\tc\nd\\e"));
    QCOMPARE(Posix::unescapeMountField("tail\\04"), QByteArray("tail\\04"));
    QCOMPARE(Posix::unescapeMountField("not\\9octal"), QByteArray("not\\9octal"));
}

void tst_FsDevice::readsBlockDeviceLikeAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray image = joinPath(rawPath(dir), "disk.img");
    const QByteArray content = pattern(4 * 1024 * 1024, 12);
    QVERIFY(writeRaw(image, content));
    LoopDevice loop(image);
    if (!loop.isValid())
        QSKIP(qPrintable(loop.problem()));

    PosixFileSystem fs;
    auto reader = fs.openForRead(loop.path());
    QVERIFY_RESULT(reader);
    QCOMPARE((*reader)->metadataAtOpen().type, NodeType::BlockDevice);
    QCOMPARE((*reader)->size(), qint64(content.size())); // from BLKGETSIZE64, not st_size
    const auto extents = (*reader)->dataExtents();
    QVERIFY_RESULT(extents);
    QCOMPARE(*extents, (QList<Extent> { Extent { 0, content.size() } }));
    const auto middle = (*reader)->readBytesAt(1234567, 100000);
    QVERIFY_RESULT(middle);
    QCOMPARE(*middle, content.mid(1234567, 100000));
    const auto unchanged = (*reader)->changedSinceOpen();
    QVERIFY_RESULT(unchanged);
    QVERIFY(!*unchanged);

    const auto mounted = fs.isMounted(loop.path());
    QVERIFY_RESULT(mounted);
    QVERIFY(!*mounted);
}

void tst_FsDevice::writesImageOntoBlockDevice()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray image = joinPath(rawPath(dir), "disk.img");
    QVERIFY(writeRaw(image, QByteArray(2 * 1024 * 1024, 'o')));
    LoopDevice loop(image);
    if (!loop.isValid())
        QSKIP(qPrintable(loop.problem()));

    // Restore of a system image in place: zeros must overwrite the old bytes, not be skipped.
    QByteArray content = pattern(2 * 1024 * 1024, 13);
    content.replace(4096, 65536, QByteArray(65536, '\0'));
    PosixFileSystem fs;
    auto writer = fs.openForWrite(loop.path(), OpenMode::ExistingInPlace);
    QVERIFY_RESULT(writer);
    QVERIFY_RESULT((*writer)->writeAtSkippingZeros(0, content));
    const Status tooBig = (*writer)->finish(content.size() + 1, true);
    QVERIFY(!tooBig);
    QCOMPARE(tooBig.error().code(), ErrorCode::InvalidArgument);
    QVERIFY_RESULT((*writer)->finish(content.size(), true));

    auto reader = fs.openForRead(loop.path());
    QVERIFY_RESULT(reader);
    const auto back = (*reader)->readBytesAt(0, content.size());
    QVERIFY_RESULT(back);
    QCOMPARE(*back, content);
}

void tst_FsDevice::reportsMountedDeviceNode()
{
    if (::geteuid() != 0)
        QSKIP("creating a block device node needs root (CAP_MKNOD)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const struct stat here = lstatRaw(rawPath(dir));
    if (major(here.st_dev) == 0)
        QSKIP("the temporary directory is on a file system without a block device");
    const QByteArray node = joinPath(rawPath(dir), "dev node");
    QVERIFY(::mknod(node.constData(), S_IFBLK | 0600, here.st_dev) == 0);
    PosixFileSystem fs;
    const auto mounted = fs.isMounted(node);
    QVERIFY_RESULT(mounted);
    QVERIFY(*mounted);

    // A device number nobody mounts: loop minor 255 is beyond what setups attach and mount.
    const QByteArray unused = joinPath(rawPath(dir), "unused");
    QVERIFY(::mknod(unused.constData(), S_IFBLK | 0600, makedev(7, 255)) == 0);
    const auto notMounted = fs.isMounted(unused);
    QVERIFY_RESULT(notMounted);
    QVERIFY(!*notMounted);
}

QTEST_GUILESS_MAIN(tst_FsDevice)
#include "tst_fsdevice.moc"

#include "mountinfo.h"

#include <QList>

namespace Kura::Fs::Posix {

namespace {

bool isOctalDigit(char c)
{
    return c >= '0' && c <= '7';
}

// Whether one mountinfo line names the device. Format (proc(5)):
// "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
bool lineListsDevice(const QByteArray &line, const QByteArray &number, const QByteArray &devicePath)
{
    const QList<QByteArray> fields = line.split(' ');
    if (fields.size() < 10)
        return false;
    if (fields.at(2) == number)
        return true;
    const qsizetype separator = fields.indexOf(QByteArrayLiteral("-"), 6);
    if (separator < 0 || separator + 2 >= fields.size() || devicePath.isEmpty())
        return false;
    return unescapeMountField(fields.at(separator + 2)) == devicePath;
}

} // namespace

QByteArray unescapeMountField(const QByteArray &field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        const char c = field.at(i);
        if (c == '\\' && i + 3 < field.size() && isOctalDigit(field.at(i + 1))
            && isOctalDigit(field.at(i + 2)) && isOctalDigit(field.at(i + 3))) {
            out += char(((field.at(i + 1) - '0') << 6) | ((field.at(i + 2) - '0') << 3)
                        | (field.at(i + 3) - '0'));
            i += 3;
        } else {
            out += c;
        }
    }
    return out;
}

bool mountInfoListsDevice(const QByteArray &mountInfo, quint32 major, quint32 minor,
                          const QByteArray &devicePath)
{
    const QByteArray number = QByteArray::number(major) + ':' + QByteArray::number(minor);
    for (const QByteArray &line : mountInfo.split('\n')) {
        if (lineListsDevice(line, number, devicePath))
            return true;
    }
    return false;
}

} // namespace Kura::Fs::Posix

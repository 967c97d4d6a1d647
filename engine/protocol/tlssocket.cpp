#include "tlssocket.h"

#include "connection.h"

#include <QSslSocket>

namespace Kura::Protocol {

void attachTlsSocket(Connection &connection, QSslSocket &socket)
{
    socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QSslSocket *device = &socket;
    connection.setWriteBacklog([device] { return device->bytesToWrite() + device->encryptedBytesToWrite(); },
                               WriteBacklogBytes);
    connection.setFlushAfterData([device] { device->flush(); });
    QObject::connect(device, &QSslSocket::encryptedBytesWritten, &connection, &Connection::onBytesWritten);
}

} // namespace Kura::Protocol

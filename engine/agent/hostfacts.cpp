#include "hostfacts.h"

#include <QFile>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QSysInfo>
#include <QThread>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Kura::Agent {

Protocol::HostFacts collectHostFacts(const QString &flavor, const QString &agentVersion)
{
    Protocol::HostFacts facts;
    facts.hostName = QSysInfo::machineHostName().left(255);
    if (facts.hostName.isEmpty())
        facts.hostName = u"unknown"_s;
    facts.osId = QSysInfo::productType().left(255);
    facts.osVersion = QSysInfo::productVersion().left(255);
    facts.arch = QSysInfo::currentCpuArchitecture().left(255);
    // Without a configured label the flavor is the machine's size, "<cores>cpu-<GiB>g", which
    // is what decides whether a system image fits another server.
    if (flavor.isEmpty()) {
        const long pages = ::sysconf(_SC_PHYS_PAGES);
        const long pageSize = ::sysconf(_SC_PAGESIZE);
        const qint64 gib = pages > 0 && pageSize > 0 ? (qint64(pages) * pageSize + (1 << 29)) >> 30 : 0;
        facts.flavor = u"%1cpu-%2g"_s.arg(QThread::idealThreadCount()).arg(gib);
    } else {
        facts.flavor = flavor.left(255);
    }
    facts.agentVersion = agentVersion.left(64);
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.isLinkLocal() || facts.addresses.size() >= 64)
            continue;
        facts.addresses << address.toString().left(64);
    }
    return facts;
}

} // namespace Kura::Agent

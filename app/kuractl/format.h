#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Human output of kuractl: aligned columns and the formatting of sizes, times and durations.
namespace Kuractl {

// Rows of text printed in columns, each as wide as its widest cell, two spaces apart.
class Table {
public:
    explicit Table(QStringList headers)
        : m_headers(std::move(headers))
    {
    }
    void addRow(QStringList cells) { m_rows.append(std::move(cells)); }
    bool isEmpty() const { return m_rows.isEmpty(); }
    // The table with a header line; trailing spaces are trimmed from every line.
    QString toString() const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

// "key: value" lines with the keys aligned.
QString keyValues(const QList<QPair<QString, QString>> &pairs);

QString formatBytes(qint64 bytes); // "1.46 GiB"
QString formatTime(const QDateTime &time); // local time "2026-01-02 09:00:00", "-" if invalid
QString formatDuration(qint64 seconds); // "1:02:03", "0:42"
QString formatOptional(const std::optional<qint64> &value); // number or "-"
QString yesNo(bool value);

// Writes UTF-8 to standard output or standard error.
void printOut(const QString &text);
void printErr(const QString &text);
void writeOut(const QByteArray &bytes);
// True when standard error is a terminal (progress lines are drawn only there).
bool stderrIsTerminal();

} // namespace Kuractl

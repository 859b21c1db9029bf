// SPDX-License-Identifier: MIT
#include "cli/recordoption.h"

#include "cli/connectiontarget.h"
#include "cli/console.h"
#include "core/record/recordingwriter.h"
#include "core/stream/streammessage.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace allium {

RecordOption::RecordOption(QObject *parent)
    : QObject(parent)
{}

RecordOption::~RecordOption()
{
    stop();
}

void RecordOption::addOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("record"),
                      QStringLiteral("Also record every message, as received and with its receive "
                                     "time, to FILE (one JSON line each after a header line; "
                                     "FILE.zst is zstd-compressed). stdout is unchanged."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("record-rotate-mb"),
                      QStringLiteral("Start a new recording file (FILE-2, FILE-3…) every N MB."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("record-rotate-minutes"),
                      QStringLiteral("Start a new recording file every N minutes."),
                      QStringLiteral("N")});
}

ExitCode RecordOption::configure(const QCommandLineParser &parser)
{
    const auto positive = [&parser](const QString &name, qint64 *value) {
        if (!parser.isSet(name))
            return true;
        bool ok = false;
        *value = parser.value(name).toLongLong(&ok);
        if (ok && *value > 0 && *value < (qint64(1) << 40))
            return true;
        Console::error(QStringLiteral("--%1 must be a whole number of at least 1, not \"%2\"")
                           .arg(name, parser.value(name)));
        return false;
    };
    qint64 megabytes = 0;
    qint64 minutes = 0;
    if (!positive(QStringLiteral("record-rotate-mb"), &megabytes) ||
        !positive(QStringLiteral("record-rotate-minutes"), &minutes))
        return ExitCode::Usage;
    m_options.path = parser.value(QStringLiteral("record"));
    if (parser.isSet(QStringLiteral("record")) && m_options.path.isEmpty()) {
        Console::error(QStringLiteral("--record needs a file name"));
        return ExitCode::Usage;
    }
    if ((megabytes > 0 || minutes > 0) && m_options.path.isEmpty()) {
        Console::error(QStringLiteral("--record-rotate-mb and --record-rotate-minutes need "
                                      "--record FILE"));
        return ExitCode::Usage;
    }
    m_options.rotateBytes = megabytes * 1024 * 1024;
    m_options.rotateSeconds = minutes * 60;
    return ExitCode::Ok;
}

bool RecordOption::start(const QString &topic, const QJsonValue &filter,
                         const ConnectionTarget &target)
{
    if (!isSet())
        return true;
    m_options.header.topic = topic;
    m_options.header.filter = filter;
    m_options.header.profile = target.profileName();
    m_options.header.host = RecordingHeader::hostOf(target.baseUrl());
    m_options.header.app = QCoreApplication::applicationName() + QLatin1Char(' ') +
                           QCoreApplication::applicationVersion();
    m_writer = new RecordingWriter(this);
    connect(m_writer, &RecordingWriter::failed, this, [](const QString &message) {
        Console::error(
            QStringLiteral("allium-cli: recording stopped, the stream goes on: %1").arg(message));
    });
    if (!m_writer->start(m_options)) {
        Console::error(
            QStringLiteral("allium-cli: cannot record: %1").arg(m_writer->errorString()));
        return false;
    }
    return true;
}

void RecordOption::record(const QVector<StreamMessage> &messages)
{
    if (m_writer)
        m_writer->append(messages);
}

void RecordOption::stop()
{
    if (m_writer)
        m_writer->stop();
}

void RecordOption::printSummary() const
{
    if (!m_writer)
        return;
    const RecordingStats stats = m_writer->stats();
    Console::error(QStringLiteral("recorded: %1 messages, %2 bytes in %3 file(s), last %4, "
                                  "dropped: %5%6")
                       .arg(stats.messages)
                       .arg(stats.fileBytes)
                       .arg(stats.files)
                       .arg(stats.currentPath)
                       .arg(stats.drops)
                       .arg(m_writer->errorString().isEmpty()
                                ? QString()
                                : QStringLiteral(", stopped: ") + m_writer->errorString()));
}

} // namespace allium

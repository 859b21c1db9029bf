// SPDX-License-Identifier: MIT
#include "firehoseemulator.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>

namespace allium {

QUrl startFirehoseEmulator(QProcess *process, qint64 firehose)
{
    process->setProgram(QStringLiteral(ALLIUM_EMULATOR_PATH));
    process->setArguments({QStringLiteral("--firehose"), QString::number(firehose),
                           QStringLiteral("--port"), QStringLiteral("0")});
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start();
    if (!process->waitForStarted(10000))
        return QUrl();
    static const QRegularExpression pattern(QStringLiteral("listening on (\\S+)"));
    QByteArray output;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000) {
        if (!process->waitForReadyRead(10000))
            break;
        output += process->readAllStandardOutput();
        const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(output));
        if (match.hasMatch())
            return QUrl(match.captured(1));
    }
    return QUrl();
}

} // namespace allium

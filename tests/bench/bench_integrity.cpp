// SPDX-License-Identifier: MIT
// What the integrity check costs per message on the ingest worker thread: ChainIntegrityChecker
// over the emulator's messages of several topics (held in memory, checked again and again),
// printed as ns/message and the share of a 100,000 msg/s stream it takes.
#include "core/monitor/chainintegritychecker.h"
#include "emulator/generators/topicgenerator.h"
#include "emulator/messagewriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace allium;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    constexpr int Messages = 20000;
    constexpr int Rounds = 10;
    const QStringList topics{QStringLiteral("ethereum.blocks"),
                             QStringLiteral("ethereum.transactions"),
                             QStringLiteral("ethereum.logs"), QStringLiteral("solana.transactions"),
                             QStringLiteral("hyperliquid.fills")};
    for (const QString &topic : topics) {
        const auto generator = TopicGenerator::create(topic, 1);
        QList<QByteArray> messages;
        qint64 bytes = 0;
        MessageWriter writer;
        for (int i = 0; i < Messages; ++i) {
            writer.reset();
            generator->writeNext(writer);
            messages.append(writer.text().toUtf8());
            bytes += messages.constLast().size();
        }
        quint64 events = 0;
        QElapsedTimer timer;
        timer.start();
        for (int round = 0; round < Rounds; ++round) {
            // A new checker each round: the same messages again would all be duplicates.
            ChainIntegrityChecker checker(topic);
            qint64 nowMs = 1764583200000;
            for (const QByteArray &message : std::as_const(messages))
                checker.check(message, ++nowMs);
            events += quint64(checker.takeEvents().size());
        }
        const double ns = double(timer.nsecsElapsed()) / double(Messages * Rounds);
        out << QStringLiteral("%1: %2 ns/message (%3 bytes avg), %4 % of one core at 100,000 "
                              "msg/s, %5 events")
                   .arg(topic, -22)
                   .arg(ns, 0, 'f', 0)
                   .arg(bytes / Messages)
                   .arg(ns * 100000 / 1e9 * 100, 0, 'f', 1)
                   .arg(events)
            << Qt::endl;
    }
    return 0;
}

// SPDX-License-Identifier: MIT
#include "core/stream/topiccatalogue.h"
#include "emulator/generators/topicgenerator.h"

#include <QJsonObject>
#include <QTest>

using namespace allium;

class TestTopicCatalogue : public QObject
{
    Q_OBJECT

private slots:
    // Every topic the brief names is known, belongs to its chain and has fields and columns.
    void knownTopics_data();
    void knownTopics();
    // Chains come grouped in catalogue order, each listed once.
    void chainsGroupTopics();
    // Default columns are fields of the topic itself.
    void defaultColumnsAreKnownFields();
    // Hyperliquid fields live under `payload.`.
    void hyperliquidFieldsUnderPayload();
    // Documented types come back per path; wei stays a numeric string.
    void fieldTypes_data();
    void fieldTypes();
    // A free topic of a known kind borrows that kind's fields; an unknown kind has none.
    void fallbackBySameKind();
    void cadenceAndChartField();
    // The emulator serves every known topic, its messages carry each topic's default columns,
    // and every documented field it sends has the documented kind of JSON value.
    void matchesEmulatorMessages();
    // Free-entry validation accepts <chain>.<kind> only and says what is wrong.
    void validation_data();
    void validation();
};

// Every known topic has the real chain's cadence (which the emulator follows) and, where a
// numeric field tells its story, a first chart field; other chains of a kind share the chart
// field but not the cadence.
void TestTopicCatalogue::cadenceAndChartField()
{
    for (const TopicInfo &info : TopicCatalogue::topics()) {
        QVERIFY2(info.meanIntervalMs > 0, qPrintable(info.name));
        QCOMPARE(TopicCatalogue::meanIntervalMs(info.name), info.meanIntervalMs);
        const auto generator = TopicGenerator::create(info.name, 1);
        QVERIFY2(generator, qPrintable(info.name));
        QCOMPARE(generator->meanIntervalMs(), info.meanIntervalMs);
        if (!info.chartField.isEmpty()) {
            const FieldType type = TopicCatalogue::fieldType(info.name, info.chartField);
            QVERIFY2(type == FieldType::Number || type == FieldType::NumericString,
                     qPrintable(info.name));
        }
    }
    QCOMPARE(TopicCatalogue::meanIntervalMs(QStringLiteral("ethereum.blocks")), 12000.0);
    QCOMPARE(TopicCatalogue::meanIntervalMs(QStringLiteral("bitcoin.blocks")), 600000.0);
    QCOMPARE(TopicCatalogue::meanIntervalMs(QStringLiteral("polygon.blocks")), 0.0);
    QCOMPARE(TopicCatalogue::chartField(QStringLiteral("ethereum.blocks")),
             QStringLiteral("gas_used"));
    QCOMPARE(TopicCatalogue::chartField(QStringLiteral("polygon.transactions")),
             QStringLiteral("gas_price"));
    QCOMPARE(TopicCatalogue::chartField(QStringLiteral("hyperliquid.fills")),
             QStringLiteral("payload.px"));
    QCOMPARE(TopicCatalogue::chartField(QStringLiteral("solana.transactions")), QString());
}

void TestTopicCatalogue::knownTopics_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("chain");
    for (const char *name :
         {"ethereum.blocks", "ethereum.transactions", "ethereum.logs", "ethereum.dex_trades",
          "base.blocks", "base.transactions", "base.logs", "base.dex_trades", "solana.transactions",
          "hyperliquid.fills", "hyperliquid.trades", "bitcoin.blocks"}) {
        const QString topic = QLatin1String(name);
        QTest::newRow(name) << topic << topic.section(QLatin1Char('.'), 0, 0);
    }
}

void TestTopicCatalogue::knownTopics()
{
    QFETCH(QString, topic);
    QFETCH(QString, chain);
    const TopicInfo *info = TopicCatalogue::find(topic);
    QVERIFY(info);
    QCOMPARE(info->name, topic);
    QCOMPARE(info->chain, chain);
    QVERIFY(!info->description.isEmpty());
    QVERIFY(!info->description.contains(QLatin1Char('\n')));
    QVERIFY(info->fields.size() >= 5);
    QVERIFY(info->defaultColumns.size() >= 4);
    QVERIFY(TopicCatalogue::isValidTopicName(topic));
}

void TestTopicCatalogue::chainsGroupTopics()
{
    const QStringList expected{QStringLiteral("ethereum"), QStringLiteral("base"),
                               QStringLiteral("solana"), QStringLiteral("hyperliquid"),
                               QStringLiteral("bitcoin")};
    QCOMPARE(TopicCatalogue::chains(), expected);
    int total = 0;
    for (const QString &chain : expected)
        total += TopicCatalogue::topicsOfChain(chain).size();
    QCOMPARE(total, TopicCatalogue::topics().size());
    QCOMPARE(TopicCatalogue::topicsOfChain(QStringLiteral("base")).size(), 4);
}

void TestTopicCatalogue::defaultColumnsAreKnownFields()
{
    for (const TopicInfo &info : TopicCatalogue::topics()) {
        for (const QString &column : info.defaultColumns) {
            QVERIFY2(TopicCatalogue::fieldType(info.name, column) != FieldType::Unknown,
                     qPrintable(info.name + QLatin1Char(' ') + column));
        }
    }
    const QStringList blocks{QStringLiteral("number"),
                             QStringLiteral("timestamp"),
                             QStringLiteral("transaction_count"),
                             QStringLiteral("gas_used"),
                             QStringLiteral("base_fee_per_gas"),
                             QStringLiteral("miner")};
    QCOMPARE(TopicCatalogue::defaultColumns(QStringLiteral("ethereum.blocks")), blocks);
    const QStringList transactions{QStringLiteral("hash"),         QStringLiteral("block_number"),
                                   QStringLiteral("from_address"), QStringLiteral("to_address"),
                                   QStringLiteral("value"),        QStringLiteral("gas_price")};
    QCOMPARE(TopicCatalogue::defaultColumns(QStringLiteral("base.transactions")), transactions);
}

void TestTopicCatalogue::hyperliquidFieldsUnderPayload()
{
    for (const QString &topic :
         {QStringLiteral("hyperliquid.fills"), QStringLiteral("hyperliquid.trades")}) {
        const QList<TopicField> fields = TopicCatalogue::fields(topic);
        QVERIFY(!fields.isEmpty());
        for (const TopicField &field : fields)
            QVERIFY2(field.path.startsWith(QLatin1String("payload.")), qPrintable(field.path));
    }
}

void TestTopicCatalogue::fieldTypes_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("path");
    QTest::addColumn<FieldType>("type");
    QTest::newRow("wei") << "ethereum.transactions"
                         << "value" << FieldType::NumericString;
    QTest::newRow("address") << "ethereum.transactions"
                             << "from_address" << FieldType::Hex;
    QTest::newRow("block number") << "ethereum.blocks"
                                  << "number" << FieldType::Number;
    QTest::newRow("timestamp") << "ethereum.blocks"
                               << "timestamp" << FieldType::Timestamp;
    QTest::newRow("bool") << "solana.transactions"
                          << "success" << FieldType::Boolean;
    QTest::newRow("symbol") << "base.dex_trades"
                            << "project" << FieldType::String;
    QTest::newRow("price") << "hyperliquid.fills"
                           << "payload.px" << FieldType::NumericString;
    QTest::newRow("no payload prefix") << "hyperliquid.fills"
                                       << "px" << FieldType::Unknown;
    QTest::newRow("unknown field") << "ethereum.blocks"
                                   << "nope" << FieldType::Unknown;
    QTest::newRow("unknown topic") << "nope.nope"
                                   << "number" << FieldType::Unknown;
}

void TestTopicCatalogue::fieldTypes()
{
    QFETCH(QString, topic);
    QFETCH(QString, path);
    QFETCH(FieldType, type);
    QCOMPARE(TopicCatalogue::fieldType(topic, path), type);
}

void TestTopicCatalogue::fallbackBySameKind()
{
    QVERIFY(!TopicCatalogue::find(QStringLiteral("arbitrum.transactions")));
    QCOMPARE(
        TopicCatalogue::fieldType(QStringLiteral("arbitrum.transactions"), QStringLiteral("value")),
        FieldType::NumericString);
    QCOMPARE(TopicCatalogue::defaultColumns(QStringLiteral("arbitrum.blocks")),
             TopicCatalogue::defaultColumns(QStringLiteral("ethereum.blocks")));
    QVERIFY(TopicCatalogue::fields(QStringLiteral("arbitrum.erc20_token_transfers")).isEmpty());
    QVERIFY(TopicCatalogue::fields(QStringLiteral("Not A Topic")).isEmpty());
}

namespace {

// The value at a dot path, or undefined.
QJsonValue valueAt(const QJsonObject &message, const QString &path)
{
    QJsonValue value = message;
    for (const QString &step : path.split(QLatin1Char('.'))) {
        if (!value.isObject())
            return QJsonValue(QJsonValue::Undefined);
        value = value.toObject().value(step);
    }
    return value;
}

bool fitsType(const QJsonValue &value, FieldType type)
{
    if (value.isNull())
        return true; // "not applicable" (a legacy transaction's max_fee_per_gas), like missing
    switch (type) {
    case FieldType::Number:
        return value.isDouble();
    case FieldType::Boolean:
        return value.isBool();
    case FieldType::NumericString:
        return value.isString() && !value.toString().isEmpty() &&
               !value.toString().contains(QLatin1Char('e'));
    case FieldType::Hex:
        return value.isString() && value.toString().startsWith(QLatin1String("0x")) &&
               value.toString() == value.toString().toLower();
    case FieldType::Timestamp:
        return value.isString() || value.isDouble();
    case FieldType::String:
        return value.isString();
    case FieldType::Unknown:
        return true;
    }
    return false;
}

} // namespace

void TestTopicCatalogue::matchesEmulatorMessages()
{
    for (const TopicInfo &info : TopicCatalogue::topics()) {
        QVERIFY2(TopicGenerator::topics().contains(info.name), qPrintable(info.name));
        const std::unique_ptr<TopicGenerator> generator = TopicGenerator::create(info.name, 7);
        QVERIFY(generator);
        for (int i = 0; i < 20; ++i) {
            const QJsonObject message = generator->next();
            for (const QString &column : info.defaultColumns) {
                QVERIFY2(!valueAt(message, column).isUndefined(),
                         qPrintable(info.name + QLatin1Char(' ') + column));
            }
            for (const TopicField &field : info.fields) {
                const QJsonValue value = valueAt(message, field.path);
                if (value.isUndefined())
                    continue; // documented, but this synthetic message leaves it out
                QVERIFY2(fitsType(value, field.type),
                         qPrintable(QStringLiteral("%1 %2 is %3 in the emulator")
                                        .arg(info.name, field.path,
                                             TopicCatalogue::fieldTypeName(field.type))));
            }
        }
    }
}

void TestTopicCatalogue::validation_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("known") << "ethereum.blocks" << true << "";
    QTest::newRow("free") << "arbitrum.erc20_token_transfers" << true << "";
    QTest::newRow("digits") << "l2_2.kind9" << true << "";
    QTest::newRow("empty") << "" << false << "Enter a topic";
    QTest::newRow("no dot") << "ethereum" << false << "one dot";
    QTest::newRow("two dots") << "base.dex.trades" << false << "one dot";
    QTest::newRow("upper case") << "Ethereum.blocks" << false << "lower-case";
    QTest::newRow("dash") << "ethereum.blocks-v2" << false << "lower-case";
    QTest::newRow("space") << "ethereum. blocks" << false << "lower-case";
    QTest::newRow("no kind") << "ethereum." << false << "kind";
    QTest::newRow("no chain") << ".blocks" << false << "chain";
    QTest::newRow("too long") << QString(QStringLiteral("a.") + QString(200, QLatin1Char('b')))
                              << false << "at most";
}

void TestTopicCatalogue::validation()
{
    QFETCH(QString, topic);
    QFETCH(bool, valid);
    QFETCH(QString, errorContains);
    QString error = QStringLiteral("stale");
    QCOMPARE(TopicCatalogue::isValidTopicName(topic, &error), valid);
    if (valid)
        QVERIFY(error.isEmpty());
    else
        QVERIFY2(error.contains(errorContains), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestTopicCatalogue)
#include "tst_topiccatalogue.moc"

// SPDX-License-Identifier: MIT
#include "core/filter/filterpreview.h"
#include "core/table/messagestore.h"

#include <QJsonArray>
#include <QTest>

using namespace allium;

Q_DECLARE_METATYPE(allium::Filter)

namespace {

QByteArray tx(int blockNumber, const char *value, const char *to, bool success = true)
{
    return QStringLiteral(R"({"block_number":%1,"value":"%2","to_address":"%3",)"
                          R"("receipt_status":%4,"logs":[{"topic0":"0xabc"}]})")
        .arg(blockNumber)
        .arg(QLatin1String(value), QLatin1String(to))
        .arg(success ? 1 : 0)
        .toUtf8();
}

Filter cond(const char *field, Filter::Operator op, const QJsonValue &value)
{
    return Filter::condition(QLatin1String(field), op, value);
}

FieldInfo liveField(const char *path, unsigned types, bool numericString = false)
{
    FieldInfo field;
    field.path = QLatin1String(path);
    field.types = types;
    field.numericString = numericString;
    field.presence = 10;
    field.presenceRatio = 1.0;
    return field;
}

} // namespace

// FilterPreview: match counts, newest samples, never-seen fields and type mismatches.
class TestFilterPreview : public QObject
{
    Q_OBJECT
private slots:
    void countsAndSamples();
    void limitKeepsNewest();
    void storeAndMalformedRows();
    void unknownFields();
    void unknownFieldsWithoutMessages();
    void typeWarnings_data();
    void typeWarnings();
    void liveCatalogueTypes();
    void toTopicFields();
};

// matched/total count every message tried; samples are the newest matches, newest first.
void TestFilterPreview::countsAndSamples()
{
    QList<QByteArray> messages;
    for (int i = 1; i <= 20; ++i)
        messages << tx(i, i % 2 ? "1000" : "5", "0xdead");
    FilterPreview preview;
    preview.setLimits(100, 3);
    const auto result =
        preview.run(cond("value", Filter::Operator::Greater, QStringLiteral("999")), messages);
    QCOMPARE(result.total, 20);
    QCOMPARE(result.matched, 10);
    QCOMPARE(result.sampleRows, (QList<QByteArray>{messages[18], messages[16], messages[14]}));
    QVERIFY(result.unknownFields.isEmpty());
    QVERIFY(result.typeWarnings.isEmpty());

    const auto all = preview.run(Filter(), messages);
    QCOMPARE(all.matched, 20);
}

// Only the newest maxMessages messages are tried.
void TestFilterPreview::limitKeepsNewest()
{
    QList<QByteArray> messages;
    for (int i = 1; i <= 50; ++i)
        messages << tx(i, "1", "0x1");
    FilterPreview preview;
    preview.setLimits(10, 5);
    const auto result =
        preview.run(cond("block_number", Filter::Operator::LessOrEqual, 40), messages);
    QCOMPARE(result.total, 10);
    QCOMPARE(result.matched, 0);
    const auto newest = preview.run(cond("block_number", Filter::Operator::Greater, 40), messages);
    QCOMPARE(newest.matched, 10);
}

// A MessageStore is read oldest to newest; rows that are not JSON objects are not counted.
void TestFilterPreview::storeAndMalformedRows()
{
    MessageStore store(100, 1 << 20);
    for (const QByteArray &json :
         {tx(1, "7", "0x1"), QByteArray("not json"), QByteArray("[1]"), tx(2, "8", "0x2")}) {
        StreamMessage message;
        message.json = json;
        store.append(message);
    }
    FilterPreview preview;
    const auto result =
        preview.run(cond("value", Filter::Operator::Equal, QStringLiteral("8")), store);
    QCOMPARE(result.total, 2);
    QCOMPARE(result.matched, 1);
    QCOMPARE(result.sampleRows, QList<QByteArray>{tx(2, "8", "0x2")});
}

// A field named by the filter and absent from every message and the live catalogue is
// reported; present ones, and paths into arrays the catalogue saw, are not.
void TestFilterPreview::unknownFields()
{
    const QList<QByteArray> messages{tx(1, "1", "0x1"), tx(2, "2", "0x2")};
    FilterPreview preview;
    preview.setTopic(QStringLiteral("ethereum.transactions"));
    preview.setLiveFields({liveField("block_number", FieldInfo::Number),
                           liveField("logs", FieldInfo::Array),
                           liveField("gas_price", FieldInfo::String, true)});
    const Filter filter = Filter::group(
        Filter::Combinator::And,
        {cond("value", Filter::Operator::Exists, true),
         cond("valu", Filter::Operator::Exists, true),
         Filter::group(Filter::Combinator::Or,
                       {cond("logs.1.topic0", Filter::Operator::Exists, true),
                        cond("gas_price", Filter::Operator::Greater, 1),
                        cond("payload.coin", Filter::Operator::Equal, QStringLiteral("BTC"))})});
    const auto result = preview.run(filter, messages);
    QCOMPARE(result.unknownFields,
             (QStringList{QStringLiteral("valu"), QStringLiteral("payload.coin")}));
}

// With no messages and no live catalogue, the topic's documented fields decide.
void TestFilterPreview::unknownFieldsWithoutMessages()
{
    FilterPreview preview;
    preview.setTopic(QStringLiteral("ethereum.blocks"));
    const Filter filter =
        Filter::group(Filter::Combinator::And, {cond("number", Filter::Operator::Greater, 5),
                                                cond("gas_usd", Filter::Operator::Greater, 5)});
    const auto result = preview.run(filter, QList<QByteArray>{});
    QCOMPARE(result.total, 0);
    QCOMPARE(result.unknownFields, QStringList{QStringLiteral("gas_usd")});
}

void TestFilterPreview::typeWarnings_data()
{
    QTest::addColumn<Filter>("filter");
    QTest::addColumn<QString>("warningPart"); // empty: no warning

    QTest::newRow("number vs numeric string ok")
        << cond("value", Filter::Operator::Greater, 5) << QString();
    QTest::newRow("numeric string vs number ok")
        << cond("block_number", Filter::Operator::Equal, QStringLiteral("12")) << QString();
    QTest::newRow("text vs numbers")
        << cond("block_number", Filter::Operator::Equal, QStringLiteral("0x10"))
        << QStringLiteral("block_number holds numbers but is compared with the text \"0x10\"");
    QTest::newRow("number vs hex text")
        << cond("to_address", Filter::Operator::Greater, 100)
        << QStringLiteral("to_address holds text but is compared with the number 100");
    QTest::newRow("not equal always true")
        << cond("to_address", Filter::Operator::NotEqual, 3) << QStringLiteral("is always true");
    QTest::newRow("text vs text ok")
        << cond("to_address", Filter::Operator::Equal, QStringLiteral("0xdead")) << QString();
    QTest::newRow("bool ordering") << cond("flag", Filter::Operator::Greater, true)
                                   << QStringLiteral("booleans have no order");
    QTest::newRow("bool vs number")
        << cond("flag", Filter::Operator::Equal, 1)
        << QStringLiteral("flag holds booleans but is compared with the number 1");
    QTest::newRow("object field") << cond("logs", Filter::Operator::Equal, QStringLiteral("x"))
                                  << QStringLiteral("logs holds arrays");
    QTest::newRow("in with one good item")
        << cond("block_number", Filter::Operator::In, QJsonArray{QStringLiteral("x"), 3})
        << QString();
    QTest::newRow("in with no good item")
        << cond("block_number", Filter::Operator::In,
                QJsonArray{QStringLiteral("x"), QStringLiteral("y")})
        << QStringLiteral("no item of the \"in\" list can match");
    QTest::newRow("exists never warns")
        << cond("logs", Filter::Operator::Exists, true) << QString();
    QTest::newRow("unknown field no type warning")
        << cond("nope", Filter::Operator::Greater, QStringLiteral("a")) << QString();
}

// Comparisons that the filter engine can never satisfy for the types seen are warned about.
void TestFilterPreview::typeWarnings()
{
    QFETCH(Filter, filter);
    QFETCH(QString, warningPart);
    QList<QByteArray> messages;
    for (int i = 0; i < 5; ++i)
        messages << tx(i, "100", "0xdead").replace("}]}", "}],\"flag\":true}");
    FilterPreview preview;
    const auto result = preview.run(filter, messages);
    if (warningPart.isEmpty()) {
        QVERIFY2(result.typeWarnings.isEmpty(), qPrintable(result.typeWarnings.join(u'\n')));
    } else {
        QCOMPARE(result.typeWarnings.size(), 1);
        QVERIFY2(result.typeWarnings.first().contains(warningPart),
                 qPrintable(result.typeWarnings.first()));
    }
}

// Without messages, the live catalogue's types (then the documented ones) are used.
void TestFilterPreview::liveCatalogueTypes()
{
    FilterPreview preview;
    preview.setTopic(QStringLiteral("ethereum.blocks"));
    preview.setLiveFields({liveField("miner", FieldInfo::String)});
    auto result = preview.run(cond("miner", Filter::Operator::Less, 3), QList<QByteArray>{});
    QCOMPARE(result.typeWarnings.size(), 1);
    QVERIFY(result.typeWarnings.first().startsWith(QStringLiteral("miner holds text")));

    preview.setLiveFields({});
    result = preview.run(cond("number", Filter::Operator::Equal, QStringLiteral("abc")),
                         QList<QByteArray>{});
    QCOMPARE(result.typeWarnings.size(), 1);
    QVERIFY(result.typeWarnings.first().startsWith(QStringLiteral("number holds numbers")));
}

// The live catalogue maps onto the builder's field list; objects are left out.
void TestFilterPreview::toTopicFields()
{
    const auto fields = FilterPreview::toTopicFields(
        {liveField("a", FieldInfo::Number), liveField("b", FieldInfo::String, true),
         liveField("c", FieldInfo::String), liveField("d", FieldInfo::Bool | FieldInfo::Null),
         liveField("e", FieldInfo::Object)});
    QCOMPARE(fields.size(), 4);
    QCOMPARE(fields[0].type, FieldType::Number);
    QCOMPARE(fields[1].type, FieldType::NumericString);
    QCOMPARE(fields[2].type, FieldType::String);
    QCOMPARE(fields[3].type, FieldType::Boolean);
    QCOMPARE(fields[3].presence, 1.0);
}

QTEST_GUILESS_MAIN(TestFilterPreview)
#include "tst_filterpreview.moc"

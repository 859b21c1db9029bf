// SPDX-License-Identifier: MIT
#include "core/filter/filter.h"
#include "core/filter/filtermatcher.h"

#include <QJsonDocument>
#include <QTest>
#include <QThread>

using allium::Filter;
using allium::FilterMatcher;
using allium::FilterParseResult;

namespace {

QJsonObject object(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return document.object();
}

// The message most match rows run against.
const char *const standardMessage = R"({
    "blockchain": "ethereum", "block_number": 18000001, "value": "1000000000000000000001",
    "gas_price": 30, "neg": "-5.5", "small": 0.1, "flag": true, "off": false, "nothing": null,
    "address": "0xAbCdEf0123", "name": "Alice", "numstr": "42", "zip": "007", "hexnum": "0x10",
    "payload": {"coin": "ETH", "metadata": {"timestamp": 1700000000}}, "topics": ["0xa", "0xb"],
    "big": 1e21, "bigint": 9007199254740993, "obj": {},
    "huge": "-340282366920938463463374607431768211456"
})";

QByteArray leaf(const char *field, const char *op, const char *value)
{
    return QByteArray(R"({"field":")") + field + R"(","operator":")" + op + R"(","value":)" +
           value + '}';
}

QByteArray nested(int depth, const QByteArray &inner)
{
    QByteArray text = inner;
    for (int i = 0; i < depth; ++i)
        text = R"({"op":"AND","conditions":[)" + text + "]}";
    return text;
}

} // namespace

// Filter: setFilter JSON in and out, validation with paths, and evaluation against messages.
class TestFilter : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void parseErrors_data();
    void parseErrors();
    void roundTrip_data();
    void roundTrip();
    void canonicalOutput_data();
    void canonicalOutput();
    void indentedText();
    void emptyFilter();
    void syntaxErrorOffset();
    void depthLimit();
    void nodeLimit();
    void builtInCode();
    void compiledFormFollowsChanges();
    void fieldPaths();
    void manyEvaluations();
    void concurrentMatches();
};

void TestFilter::matches_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QByteArray>("message"); // empty: standardMessage
    QTest::addColumn<bool>("expected");

    const auto row = [](const char *name, const QByteArray &filter, bool expected,
                        const QByteArray &message = {}) {
        QTest::newRow(name) << filter << message << expected;
    };

    // =
    row("= string", leaf("blockchain", "=", R"("ethereum")"), true);
    row("= other string", leaf("blockchain", "=", R"("bitcoin")"), false);
    row("= is case-sensitive for text", leaf("blockchain", "=", R"("Ethereum")"), false);
    row("= number", leaf("block_number", "=", "18000001"), true);
    row("= numeric string vs number", leaf("block_number", "=", R"("18000001")"), true);
    row("= number with .0", leaf("block_number", "=", "18000001.0"), true);
    row("= number vs numeric string field", leaf("numstr", "=", "42"), true);
    row("= numeric strings numerically", leaf("numstr", "=", R"("42.000")"), true);
    row("= leading zeros", leaf("zip", "=", "7"), true);
    row("= bool", leaf("flag", "=", "true"), true);
    row("= other bool", leaf("flag", "=", "false"), false);
    row("= bool vs string mismatch", leaf("flag", "=", R"("true")"), false);
    row("= bool vs number mismatch", leaf("flag", "=", "1"), false);
    row("= nested path", leaf("payload.coin", "=", R"("ETH")"), true);
    row("= deep path", leaf("payload.metadata.timestamp", "=", "1700000000"), true);
    row("= array index and hex case", leaf("topics.1", "=", R"("0xB")"), true);
    row("= array index out of range", leaf("topics.2", "=", R"("0xb")"), false);
    row("= non-numeric step into array", leaf("topics.x", "=", R"("0xa")"), false);
    row("= object field mismatch", leaf("payload", "=", R"("ETH")"), false);
    row("= missing field", leaf("missing", "=", R"("x")"), false);
    row("= null field", leaf("nothing", "=", R"("x")"), false);
    row("= path through a string", leaf("name.first", "=", R"("A")"), false);
    row("= non-numeric string vs number", leaf("name", "=", "5"), false);
    row("= hex ignores case", leaf("address", "=", R"("0xabcdef0123")"), true);
    row("= hex prefix case", leaf("hexnum", "=", R"("0X10")"), true);
    row("= hex is not a number", leaf("hexnum", "=", "16"), false);
    row("= other hex", leaf("address", "=", R"("0xabcdef0124")"), false);
    row("= text is case-sensitive", leaf("name", "=", R"("alice")"), false);
    row("= 1e21 number vs wei string", leaf("big", "=", R"("1000000000000000000000")"), true);
    row("= int64 beyond 2^53 exact", leaf("bigint", "=", R"("9007199254740993")"), true);
    row("= int64 beyond 2^53 not rounded", leaf("bigint", "=", R"("9007199254740992")"), false);
    row("= double 0.1", leaf("small", "=", "0.1"), true);
    row("= double vs string 0.1", leaf("small", "=", R"("0.1")"), true);
    row("= same double written longer", leaf("small", "=", "0.10000000000000001"), true);
    row("= longer string is another number", leaf("small", "=", R"("0.10000000000000001")"), false);

    // !=
    row("!= other", leaf("blockchain", "!=", R"("bitcoin")"), true);
    row("!= same", leaf("blockchain", "!=", R"("ethereum")"), false);
    row("!= zero wei (docs)", leaf("value", "!=", R"("0")"), true);
    row("!= missing field is false", leaf("missing", "!=", R"("x")"), false);
    row("!= null field is false", leaf("nothing", "!=", R"("x")"), false);
    row("!= type mismatch is true", leaf("name", "!=", "5"), true);
    row("!= bool mismatch is true", leaf("flag", "!=", R"("true")"), true);
    row("!= object field is true", leaf("payload", "!=", R"("ETH")"), true);
    row("!= hex ignores case", leaf("address", "!=", R"("0xABCDEF0123")"), false);
    row("!= bool", leaf("off", "!=", "true"), true);

    // > >= < <= with big numbers
    row("> 1 ETH in wei (docs)", leaf("value", ">", R"("1000000000000000000")"), true);
    row("> itself", leaf("value", ">", R"("1000000000000000000001")"), false);
    row(">= itself", leaf("value", ">=", R"("1000000000000000000001")"), true);
    row("<= itself", leaf("value", "<=", R"("1000000000000000000001")"), true);
    row("< itself", leaf("value", "<", R"("1000000000000000000001")"), false);
    row("> 1e21 exactly", leaf("value", ">", "1e21"), true);
    row("< one more", leaf("value", "<", R"("1000000000000000000002")"), true);
    row("> 1e21 double vs 21 nines", leaf("big", ">", R"("999999999999999999999")"), true);
    row("> 2^53 integer exact", leaf("bigint", ">", "9007199254740992"), true);
    row("< above 2^128 negative",
        leaf("huge", "<", R"("-340282366920938463463374607431768211455")"), true);
    row("> above 2^128 negative",
        leaf("huge", ">", R"("-340282366920938463463374607431768211457.5")"), true);
    row("< negative decimal", leaf("neg", "<", "0"), true);
    row("> negative decimal", leaf("neg", ">", R"("-5.51")"), true);
    row(">= equal decimal", leaf("neg", ">=", "-5.5"), true);
    row("< equal decimal", leaf("neg", "<", R"("-5.5")"), false);
    row("> decimal const", leaf("gas_price", ">", "29.5"), true);
    row("< decimal const", leaf("gas_price", "<", "30.5"), true);
    row(">= docs block", leaf("block_number", ">=", "18000000"), true);
    row("< docs gas", leaf("gas_price", "<", "21000"), true);
    row("> numeric strings numerically", leaf("numstr", ">", R"("5")"), true);
    row("< string ordering", leaf("name", "<", R"("Bob")"), true);
    row("> string prefix", leaf("name", ">", R"("Al")"), true);
    row(">= upper before lower", leaf("name", ">=", R"("alice")"), false);
    row("< numeric string vs word is text", leaf("numstr", "<", R"("abc")"), true);
    row("> string vs number mismatch", leaf("name", ">", "5"), false);
    row("< string vs number mismatch", leaf("name", "<", "5"), false);
    row("> bool field never orders", leaf("flag", ">", "0"), false);
    row(">= bool field never orders", leaf("flag", ">=", "0"), false);
    row("> missing", leaf("missing", ">", "0"), false);
    row("<= null", leaf("nothing", "<=", "0"), false);
    row("> hex ignores case", leaf("address", ">", R"("0xABCDEF0122")"), true);
    row("< hex ignores case", leaf("address", "<", R"("0xabcdef0124")"), true);
    row("<= hex equal", leaf("address", "<=", R"("0xABCDEF0123")"), true);
    row("> object field", leaf("payload", ">", "0"), false);
    row("< hex vs text orders as text", leaf("hexnum", "<", R"("0xZ")"), true);
    row("> text vs hex orders as text", leaf("name", ">", R"("0xAB")"), true);
    row("< text vs hex keeps the constant's case", leaf("address", "<", R"("0xAC")"), false,
        R"({"address":"0xAb-not-hex"})");

    // in
    row("in hit", leaf("blockchain", "in", R"(["bitcoin","ethereum"])"), true);
    row("in miss", leaf("blockchain", "in", R"(["bitcoin"])"), false);
    row("in empty list", leaf("blockchain", "in", "[]"), false);
    row("in hex case", leaf("address", "in", R"(["0x1","0XABCDEF0123"])"), true);
    row("in mixed: numeric string item", leaf("block_number", "in", R"(["18000001",true])"), true);
    row("in number with .0", leaf("block_number", "in", "[18000001.0]"), true);
    row("in number vs numeric field", leaf("numstr", "in", "[42]"), true);
    row("in numeric strings numerically", leaf("numstr", "in", R"(["042"])"), true);
    row("in bool", leaf("flag", "in", R"([1,"true",true])"), true);
    row("in bool mismatches", leaf("flag", "in", R"([1,"true"])"), false);
    row("in false", leaf("off", "in", "[false]"), true);
    row("in wei", leaf("value", "in", R"(["1000000000000000000001"])"), true);
    row("in wei vs 1e21", leaf("value", "in", "[1e21]"), false);
    row("in 1e21 double", leaf("big", "in", R"(["1000000000000000000000"])"), true);
    row("in int64 beyond 2^53", leaf("bigint", "in", R"(["9007199254740993"])"), true);
    row("in missing", leaf("missing", "in", R"(["x"])"), false);
    row("in null", leaf("nothing", "in", R"(["x"])"), false);
    row("in object field", leaf("payload", "in", R"(["ETH"])"), false);
    row("in mixed types", leaf("name", "in", R"(["Alice",5,false])"), true);
    row("in text case-sensitive", leaf("name", "in", R"(["alice"])"), false);
    row("in double", leaf("small", "in", "[0.1]"), true);
    row("in hex is not a number", leaf("hexnum", "in", "[16]"), false);
    row("in upper-case IN", leaf("blockchain", "IN", R"(["ethereum"])"), true);

    // exists
    row("exists true present", leaf("blockchain", "exists", "true"), true);
    row("exists false present", leaf("blockchain", "exists", "false"), false);
    row("exists true missing", leaf("missing", "exists", "true"), false);
    row("exists false missing", leaf("missing", "exists", "false"), true);
    row("exists true null", leaf("nothing", "exists", "true"), false);
    row("exists false null", leaf("nothing", "exists", "false"), true);
    row("exists nested", leaf("payload.coin", "exists", "true"), true);
    row("exists nested missing", leaf("payload.nope", "exists", "false"), true);
    row("exists false-valued field", leaf("off", "exists", "true"), true);
    row("exists empty object", leaf("obj", "exists", "true"), true);
    row("exists upper-case EXISTS", leaf("missing", "EXISTS", "false"), true);

    // groups
    const QByteArray yes1 = leaf("blockchain", "=", R"("ethereum")");
    const QByteArray yes2 = leaf("gas_price", ">", "20");
    const QByteArray no1 = leaf("blockchain", "=", R"("bitcoin")");
    const QByteArray no2 = leaf("missing", "exists", "true");
    const auto group = [](const char *op, const QList<QByteArray> &children) {
        return QByteArray(R"({"op":")") + op + R"(","conditions":[)" + children.join(',') + "]}";
    };
    row("AND all true", group("AND", {yes1, yes2}), true);
    row("AND one false", group("AND", {yes1, no1}), false);
    row("OR one true", group("OR", {no1, yes2}), true);
    row("OR none true", group("OR", {no1, no2}), false);
    row("single-child OR", group("OR", {yes1}), true);
    row("AND in OR in AND: true",
        group("AND", {group("OR", {group("AND", {yes1, no1}), yes2}), yes1}), true);
    row("AND in OR in AND: false",
        group("AND", {group("OR", {group("AND", {yes1, no1}), no2}), yes1}), false);
    row("lower-case and/or", group("and", {group("or", {no1, yes1}), yes2}), true);
    row("spec compound example",
        group("AND", {yes1, leaf("value", ">", R"("1000000000000000000")")}), true);
    row("spec compound example, small value",
        group("AND", {yes1, leaf("value", ">", R"("1000000000000000000")")}), false,
        R"({"blockchain":"ethereum","value":"999999999999999999"})");
    row("empty filter", "{}", true);
    row("null filter", "null", true);
    row("empty message", leaf("a", "exists", "false"), true, "{}");
}

// Each operator, path, type and nesting rule in the class comment of Filter holds.
void TestFilter::matches()
{
    QFETCH(QByteArray, filter);
    QFETCH(QByteArray, message);
    QFETCH(bool, expected);

    const FilterParseResult result = Filter::parse(filter);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    const QJsonObject msg = object(message.isEmpty() ? QByteArray(standardMessage) : message);
    QCOMPARE(result.filter.matches(msg), expected);
    QCOMPARE(FilterMatcher(result.filter).matches(msg), expected);
    // A copy rebuilt from its own JSON behaves the same.
    QCOMPARE(Filter::parse(QJsonValue(result.filter.toJson())).filter.matches(msg), expected);
}

void TestFilter::parseErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("errorString");

    const auto row = [](const char *name, const QByteArray &text, const char *error) {
        QTest::newRow(name) << text << QString::fromUtf8(error);
    };
    const QByteArray ok = leaf("a", "=", "1");

    row("unknown operator at root", leaf("a", "==", "1"), R"(operator: unknown operator "==")");
    row("unknown operator in group",
        R"({"op":"OR","conditions":[)" + ok + "," + leaf("b", "==", "2") + "]}",
        R"(conditions[1].operator: unknown operator "==")");
    row("mixed-case operator", leaf("a", "Exists", "true"),
        R"(operator: unknown operator "Exists")");
    row("missing field deep",
        R"({"op":"AND","conditions":[{"op":"OR","conditions":[)" + ok + "," + ok +
            R"(,{"operator":"=","value":1}]}]})",
        "conditions[0].conditions[2].field: missing field");
    row("empty field", leaf("", "=", "1"), "field: empty field");
    row("non-string field", R"({"field":5,"operator":"=","value":1})",
        "field: field must be a string");
    row("empty path step", leaf("a..b", "=", "1"), R"(field: empty step in field path "a..b")");
    row("missing operator", R"({"field":"a","value":1})", "operator: missing operator");
    row("non-string operator", R"({"field":"a","operator":1,"value":1})",
        "operator: operator must be a string");
    row("in without array", leaf("a", "in", R"("x")"), R"(value: "in" needs an array value)");
    row("in with a data source id", R"({"field":"a","operator":"in","data_source_id":"x"})",
        "value: missing value");
    row("in with an object item", leaf("a", "in", R"([1,{"b":2}])"),
        "value[1]: list items must be strings, numbers or booleans");
    row("in with a null item", leaf("a", "in", "[null]"),
        "value[0]: list items must be strings, numbers or booleans");
    row("exists with a string", leaf("a", "exists", R"("yes")"),
        R"(value: "exists" needs true or false)");
    row("exists without value", R"({"field":"a","operator":"exists"})", "value: missing value");
    row("missing value", R"({"field":"a","operator":"="})", "value: missing value");
    row("object value", leaf("a", "=", R"({"b":1})"),
        "value: value must be a string, number or boolean");
    row("array value for =", leaf("a", "=", "[1]"),
        R"(value: an array value needs the "in" operator)");
    row("null value", leaf("a", "!=", "null"),
        R"(value: null value (use "exists" to test for a missing field))");
    row("ordering a boolean", leaf("a", ">", "true"),
        R"(value: ">" does not apply to true/false (only = and !=))");
    row("empty conditions", R"({"op":"AND","conditions":[]})", "conditions: empty conditions");
    row("unknown op", R"({"op":"XOR","conditions":[)" + ok + "]}",
        R"(op: op must be "AND" or "OR")");
    row("non-string op", R"({"op":1,"conditions":[)" + ok + "]}",
        R"(op: op must be "AND" or "OR")");
    row("missing op", R"({"conditions":[)" + ok + "]}", "op: missing op");
    row("missing conditions", R"({"op":"AND"})", "conditions: missing conditions");
    row("conditions not an array", R"({"op":"AND","conditions":{}})",
        "conditions: conditions must be an array");
    row("neither condition nor group", R"({"op":"OR","conditions":[)" + ok + R"(,{"foo":1}]})",
        "conditions[1]: neither a condition (field, operator, value) nor a group (op, conditions)");
    row("nested empty object", R"({"op":"OR","conditions":[{}]})",
        "conditions[0]: neither a condition (field, operator, value) nor a group (op, conditions)");
    row("unknown keys only at root", R"({"foo":1})",
        "neither a condition (field, operator, value) nor a group (op, conditions)");
    row("both condition and group", R"({"field":"a","op":"AND"})",
        "both a condition (field, operator, value) and a group (op, conditions)");
    row("condition not an object", R"({"op":"AND","conditions":[)" + ok + R"(,"a = 1"]})",
        "conditions[1]: expected an object (a condition or a group)");
    row("root array", "[1]", "a filter must be a JSON object");
    row("syntax error", R"({"field":"a",})",
        "JSON syntax error at character 13: object is missing after a comma");
}

// Every validation error names its place as path: message, and yields an empty filter.
void TestFilter::parseErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, errorString);

    const FilterParseResult result = Filter::parse(text);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorString(), errorString);
    QVERIFY(result.filter.isEmpty());
    // The same problem is found when the JSON is already parsed.
    if (result.syntaxErrorOffset < 0) {
        const QJsonDocument document = QJsonDocument::fromJson(text);
        const QJsonValue json =
            document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
        QCOMPARE(Filter::parse(json).errorString(), errorString);
    }
}

void TestFilter::roundTrip_data()
{
    QTest::addColumn<QByteArray>("text");

    // The spec's and the docs' own examples, in canonical compact form.
    QTest::newRow("spec exists") << QByteArray(
        R"({"field":"to_address","operator":"exists","value":true})");
    QTest::newRow("spec compound")
        << QByteArray(R"({"op":"AND","conditions":[{"field":"blockchain","operator":"=",)"
                      R"("value":"ethereum"},{"field":"value","operator":">",)"
                      R"("value":"1000000000000000000"}]})");
    QTest::newRow("docs leaf") << QByteArray(
        R"({"field":"status","operator":"=","value":"active"})");
    QTest::newRow("docs nested path") << leaf("user.profile.age", ">=", "18");
    QTest::newRow("docs !=") << leaf("status", "!=", R"("pending")");
    QTest::newRow("docs zero value") << leaf("value", "!=", R"("0")");
    QTest::newRow("docs block >") << leaf("block_number", ">", "18000000");
    QTest::newRow("docs gas >=") << leaf("gas_price", ">=", "30");
    QTest::newRow("docs gas <") << leaf("gas_used", "<", "21000");
    QTest::newRow("docs in") << leaf("token_address", "in",
                                     R"(["0x1234567890abcdef1234567890abcdef12345678",)"
                                     R"("0xabcdefabcdefabcdefabcdefabcdefabcdefabcd"])");
    QTest::newRow("<= decimal") << leaf("x", "<=", "-1.5");
    QTest::newRow("exists false") << leaf("x", "exists", "false");
    QTest::newRow("in mixed") << leaf("x", "in", R"(["a",1,true,"0xAB"])");
    QTest::newRow("escapes and unicode")
        << QByteArray(R"({"field":"na\"me","operator":"=","value":"caf)") + "\xc3\xa9" + R"(\n"})";
    QTest::newRow("AND in OR in AND")
        << QByteArray(R"({"op":"AND","conditions":[{"op":"OR","conditions":[{"op":"AND",)"
                      R"("conditions":[{"field":"a","operator":"=","value":1},)"
                      R"({"field":"b","operator":"in","value":[2,3]}]},)"
                      R"({"field":"c","operator":"exists","value":false}]},)"
                      R"({"field":"d","operator":"<","value":"5"}]})");
    QTest::newRow("empty") << QByteArray("{}");
}

// parse(x).toJsonText() == x and parse(x).toJson() == x for canonical input.
void TestFilter::roundTrip()
{
    QFETCH(QByteArray, text);

    const FilterParseResult result = Filter::parse(text);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result.filter.toJsonText(), text);
    QCOMPARE(result.filter.toJson(), object(text));
    const FilterParseResult again = Filter::parse(QJsonValue(result.filter.toJson()));
    QVERIFY(again.ok());
    QCOMPARE(again.filter, result.filter);
    // The indented text is the same JSON.
    QCOMPARE(Filter::parse(result.filter.toJsonText(true)).filter, result.filter);
    QCOMPARE(object(result.filter.toJsonText(true)), object(text));
}

void TestFilter::canonicalOutput_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("canonical");

    QTest::newRow("key order and spacing")
        << QByteArray(R"({ "value" : 1, "operator" : "=", "field" : "a" })") << leaf("a", "=", "1");
    QTest::newRow("IN") << leaf("a", "IN", "[1]") << leaf("a", "in", "[1]");
    QTest::newRow("EXISTS") << leaf("a", "EXISTS", "true") << leaf("a", "exists", "true");
    QTest::newRow("lower-case op")
        << QByteArray(R"({"conditions":[)" + leaf("a", "=", "1") + R"(],"op":"or"})")
        << QByteArray(R"({"op":"OR","conditions":[)" + leaf("a", "=", "1") + "]}");
    QTest::newRow("unknown keys dropped")
        << QByteArray(R"({"field":"a","operator":"in","type":"data_source","value":["x"]})")
        << leaf("a", "in", R"(["x"])");
}

// Accepted variants come out in canonical form: lower-case operators, upper-case op, key order.
void TestFilter::canonicalOutput()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, canonical);

    const FilterParseResult result = Filter::parse(input);
    QVERIFY2(result.ok(), qPrintable(result.errorString()));
    QCOMPARE(result.filter.toJsonText(), canonical);
}

// Indented text has the canonical key order and QJsonDocument's layout.
void TestFilter::indentedText()
{
    const Filter filter = Filter::group(
        Filter::Combinator::Or,
        {Filter::condition(QStringLiteral("blockchain"), Filter::Operator::In,
                           QJsonArray{QStringLiteral("ethereum"), 1}),
         Filter::group(
             Filter::Combinator::And,
             {Filter::condition(QStringLiteral("v"), Filter::Operator::Greater,
                                QStringLiteral("10")),
              Filter::condition(QStringLiteral("w"), Filter::Operator::In, QJsonArray())})});
    const QByteArray expected = R"({
    "op": "OR",
    "conditions": [
        {
            "field": "blockchain",
            "operator": "in",
            "value": [
                "ethereum",
                1
            ]
        },
        {
            "op": "AND",
            "conditions": [
                {
                    "field": "v",
                    "operator": ">",
                    "value": "10"
                },
                {
                    "field": "w",
                    "operator": "in",
                    "value": [
                    ]
                }
            ]
        }
    ]
}
)";
    QCOMPARE(filter.toJsonText(true), expected);
    // A single condition's keys happen to be sorted, so Qt's own layout must agree exactly.
    const Filter single =
        Filter::condition(QStringLiteral("a"), Filter::Operator::In, QJsonArray{1, QJsonArray{}});
    QCOMPARE(single.toJsonText(true),
             QJsonDocument(single.toJson()).toJson(QJsonDocument::Indented));
    QCOMPARE(single.toJsonText(), QJsonDocument(single.toJson()).toJson(QJsonDocument::Compact));
}

// {}, null, empty text and whitespace all give the empty filter, which matches everything.
void TestFilter::emptyFilter()
{
    for (const QByteArray &text :
         {QByteArray("{}"), QByteArray(" null "), QByteArray(), QByteArray(" \n")}) {
        const FilterParseResult result = Filter::parse(text);
        QVERIFY2(result.ok(), text.constData());
        QVERIFY(result.filter.isEmpty());
    }
    QVERIFY(Filter::parse(QJsonValue()).filter.isEmpty());
    QVERIFY(Filter::parse(QJsonValue(QJsonObject())).ok());
    QCOMPARE(Filter::parse(QJsonValue(QStringLiteral("x"))).errorString(),
             QStringLiteral("a filter must be a JSON object"));
    const Filter empty;
    QCOMPARE(empty.toJson(), QJsonObject());
    QCOMPARE(empty.toJsonText(), QByteArray("{}"));
    QCOMPARE(empty.toJsonText(true), QByteArray("{\n}\n"));
    QVERIFY(empty.matches({}));
    QVERIFY(empty.validationError().isEmpty());
    QVERIFY(FilterMatcher().matches({}));
}

// A syntax error reports its offset in characters (not UTF-8 bytes) and no filter.
void TestFilter::syntaxErrorOffset()
{
    const QString text = QStringLiteral(u"{\"field\": \"\u00e4\u00f6\u00fc\", \"operator\" \"=\"}");
    const FilterParseResult result = Filter::parse(text.toUtf8());
    QVERIFY(!result.ok());
    QVERIFY(result.errorPath.isEmpty());
    QCOMPARE(result.syntaxErrorOffset, int(text.indexOf(QLatin1String("\"=\""))));
    QVERIFY(result.errorMessage.startsWith(
        QStringLiteral("JSON syntax error at character %1: ").arg(result.syntaxErrorOffset)));
    QVERIFY(result.filter.isEmpty());
    QCOMPARE(Filter::parse(leaf("a", "=", "1")).syntaxErrorOffset, -1);
    QCOMPARE(Filter::parse(leaf("a", "=", "1") + "x").syntaxErrorOffset,
             leaf("a", "=", "1").size());
    QCOMPARE(Filter::parse(QByteArray(R"({"a": tru})")).syntaxErrorOffset, 6);
}

// Groups nest up to MaxDepth; deeper input is an error at the first group too deep, even when
// it is thousands of levels deep.
void TestFilter::depthLimit()
{
    const QByteArray inner = leaf("a", "=", "1");
    const FilterParseResult deepest = Filter::parse(nested(Filter::MaxDepth, inner));
    QVERIFY2(deepest.ok(), qPrintable(deepest.errorString()));
    QVERIFY(deepest.filter.matches(object(R"({"a":1})")));

    QStringList steps;
    for (int i = 0; i < Filter::MaxDepth; ++i)
        steps << QStringLiteral("conditions[0]");
    const FilterParseResult tooDeep = Filter::parse(nested(Filter::MaxDepth + 1, inner));
    QCOMPARE(tooDeep.errorPath, steps.join(QLatin1Char('.')));
    QCOMPARE(tooDeep.errorMessage, QStringLiteral("groups nested deeper than 32 levels"));

    QVERIFY(!Filter::parse(nested(5000, inner)).ok());

    // The same limit for filters built in code.
    Filter built = Filter::condition(QStringLiteral("a"), Filter::Operator::Equal, 1);
    for (int i = 0; i < Filter::MaxDepth + 1; ++i)
        built = Filter::group(Filter::Combinator::Or, {built});
    QCOMPARE(built.validationError(), steps.join(QLatin1Char('.')) +
                                          QStringLiteral(": groups nested deeper than 32 levels"));
    QVERIFY(!built.matches(object(R"({"a":1})")));
}

// At most MaxNodes conditions and groups.
void TestFilter::nodeLimit()
{
    const QByteArray item = leaf("a", "=", "1");
    QList<QByteArray> items(Filter::MaxNodes - 1, item);
    const QByteArray fits = R"({"op":"OR","conditions":[)" + items.join(',') + "]}";
    QVERIFY(Filter::parse(fits).ok());
    items.append(item);
    const QByteArray tooMany = R"({"op":"OR","conditions":[)" + items.join(',') + "]}";
    QCOMPARE(Filter::parse(tooMany).errorString(),
             QStringLiteral("conditions[9999]: more than 10000 conditions and groups"));
}

// Filters built in code validate like parsed ones; an invalid one matches nothing.
void TestFilter::builtInCode()
{
    const Filter ok = Filter::group(
        Filter::Combinator::And,
        {Filter::condition(QStringLiteral("a"), Filter::Operator::Exists, true),
         Filter::condition(QStringLiteral("b"), Filter::Operator::In, QJsonArray{1, 2})});
    QVERIFY(ok.validationError().isEmpty());
    QVERIFY(ok.matches(object(R"({"a":0,"b":2})")));
    QCOMPARE(ok.kind(), Filter::Kind::Group);
    QCOMPARE(ok.children().size(), 2);

    const Filter emptyGroup = Filter::group(Filter::Combinator::Or);
    QCOMPARE(emptyGroup.validationError(), QStringLiteral("conditions: empty conditions"));
    QVERIFY(!emptyGroup.matches({}));
    QVERIFY(!FilterMatcher(emptyGroup).isValid());

    const Filter badChild = Filter::group(
        Filter::Combinator::Or, {Filter::condition(QStringLiteral("a"), Filter::Operator::Equal, 1),
                                 Filter::condition(QString(), Filter::Operator::Equal, 1)});
    QCOMPARE(badChild.validationError(), QStringLiteral("conditions[1].field: empty field"));
    QVERIFY(!badChild.matches(object(R"({"a":1})")));

    const Filter emptyChild = Filter::group(Filter::Combinator::And, {Filter()});
    QCOMPARE(emptyChild.validationError(),
             QStringLiteral("conditions[0]: neither a condition (field, operator, value) nor a "
                            "group (op, conditions)"));
    const Filter noValue = Filter::condition(QStringLiteral("a"), Filter::Operator::Less, {});
    QCOMPARE(noValue.validationError(), QStringLiteral("value: null value (use \"exists\" to test "
                                                       "for a missing field)"));
    QVERIFY(Filter::condition(QStringLiteral("a"), Filter::Operator::Less,
                              QJsonValue(QJsonValue::Undefined))
                .validationError()
                .endsWith(QStringLiteral("missing value")));

    Filter::Operator op = Filter::Operator::Equal;
    for (const char *text : {"=", "!=", ">", ">=", "<", "<=", "in", "exists"}) {
        QVERIFY(Filter::operatorFromText(QString::fromLatin1(text), &op));
        QCOMPARE(Filter::operatorText(op), QString::fromLatin1(text));
    }
    QVERIFY(Filter::operatorFromText(QStringLiteral("IN"), &op));
    QCOMPARE(op, Filter::Operator::In);
    QVERIFY(!Filter::operatorFromText(QStringLiteral("=="), &op));
    QVERIFY(!Filter::operatorFromText(QStringLiteral("NOT IN"), &op));
    QCOMPARE(Filter::combinatorText(Filter::Combinator::Or), QStringLiteral("OR"));
}

// matches() follows every change: setters, edits through children(), and copies stay apart.
void TestFilter::compiledFormFollowsChanges()
{
    const QJsonObject message = object(R"({"a":1,"b":"x"})");
    Filter filter =
        Filter::group(Filter::Combinator::And,
                      {Filter::condition(QStringLiteral("a"), Filter::Operator::Equal, 1)});
    QVERIFY(filter.matches(message));

    filter.children()[0].setValue(2);
    QVERIFY(!filter.matches(message));
    filter.children()[0].setOp(Filter::Operator::Less);
    QVERIFY(filter.matches(message));

    const Filter copy = filter;
    QList<Filter> &children = filter.children();
    children.append(
        Filter::condition(QStringLiteral("b"), Filter::Operator::Equal, QStringLiteral("y")));
    QVERIFY(!filter.matches(message));
    QVERIFY(copy.matches(message));

    filter.setCombinator(Filter::Combinator::Or);
    QVERIFY(filter.matches(message));
    children[1].setField(QStringLiteral("c"));
    children[0].setOp(Filter::Operator::Greater);
    QVERIFY(!filter.matches(message));
    children.removeLast();
    children[0].setOp(Filter::Operator::NotEqual);
    QVERIFY(filter.matches(message));

    Filter leafFilter = Filter::condition(QStringLiteral("a"), Filter::Operator::Equal, 1);
    QVERIFY(leafFilter.matches(message));
    leafFilter.setField(QStringLiteral("b"));
    QVERIFY(!leafFilter.matches(message));
    leafFilter = copy;
    QVERIFY(leafFilter.matches(message));
    QCOMPARE(leafFilter, copy);
    QVERIFY(leafFilter != filter);
}

// fieldPaths() lists each named field once, in document order.
void TestFilter::fieldPaths()
{
    const FilterParseResult result =
        Filter::parse(QByteArray(R"({"op":"OR","conditions":[{"op":"AND","conditions":[)") +
                      leaf("payload.coin", "=", "1") + "," + leaf("value", ">", "1") + "]}," +
                      leaf("blockchain", "exists", "true") + "," + leaf("value", "<", "9") + "]}");
    QVERIFY(result.ok());
    QCOMPARE(result.filter.fieldPaths(),
             QStringList({QStringLiteral("payload.coin"), QStringLiteral("value"),
                          QStringLiteral("blockchain")}));
    QVERIFY(Filter().fieldPaths().isEmpty());
}

// 100k evaluations of a compound filter give the right count (a sanity run, not a benchmark).
void TestFilter::manyEvaluations()
{
    const FilterParseResult result = Filter::parse(QByteArray(
        R"({"op":"AND","conditions":[{"field":"blockchain","operator":"=","value":"ethereum"},)"
        R"({"field":"value","operator":">","value":"1000000000000000000"},)"
        R"({"field":"to_address","operator":"in","value":["0xAA","0xbb","0xcc"]}]})"));
    QVERIFY(result.ok());
    const QJsonObject hit = object(R"({"blockchain":"ethereum","value":"2000000000000000000",)"
                                   R"("to_address":"0xBB"})");
    const QJsonObject miss = object(R"({"blockchain":"ethereum","value":"999999999999999999",)"
                                    R"("to_address":"0xbb"})");
    int matched = 0;
    for (int i = 0; i < 100000; ++i)
        matched += result.filter.matches(i % 4 == 0 ? hit : miss) ? 1 : 0;
    QCOMPARE(matched, 25000);
}

// One Filter object may be evaluated from several threads at once, compiled or not.
void TestFilter::concurrentMatches()
{
    const Filter filter = Filter::group(
        Filter::Combinator::Or,
        {Filter::condition(QStringLiteral("a"), Filter::Operator::Greater, QStringLiteral("5")),
         Filter::condition(QStringLiteral("b"), Filter::Operator::Exists, true)});
    const QJsonObject message = object(R"({"a":"6"})");
    std::atomic<int> matched{0};
    const auto work = [&] {
        for (int i = 0; i < 2000; ++i)
            matched += filter.matches(message) ? 1 : 0;
    };
    QScopedPointer<QThread> first(QThread::create(work));
    QScopedPointer<QThread> second(QThread::create(work));
    first->start();
    second->start();
    QVERIFY(first->wait(10000));
    QVERIFY(second->wait(10000));
    QCOMPARE(matched.load(), 4000);
}

QTEST_GUILESS_MAIN(TestFilter)
#include "tst_filter.moc"

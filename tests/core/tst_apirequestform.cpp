// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apirequestform.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace allium;

Q_DECLARE_METATYPE(allium::ApiParameterType)

namespace {

QJsonValue json(const char *text)
{
    const QJsonDocument d = QJsonDocument::fromJson(text);
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

const ApiEndpoint &endpointAt(const char *path)
{
    const ApiEndpoint *e = ApiEndpointCatalogue::find(QString::fromLatin1(path));
    Q_ASSERT(e);
    return *e;
}

} // namespace

/// The request form's mapping between a catalogue endpoint's fields and a request's path and
/// JSON body, both ways, without widgets.
class TestApiRequestForm : public QObject
{
    Q_OBJECT
private slots:
    void examplesReadBackUnchanged_data();
    void examplesReadBackUnchanged();
    void fieldsRebuildTheExample_data();
    void fieldsRebuildTheExample();
    void editingAFieldWritesTheBody();
    void getQueryItemsInThePathAreReadAndMovedToTheBody();
    void postQueryParametersLiveInThePath();
    void unknownMembersStayAndAreNoted();
    void wrongBodyKindIsNotEditable();
    void textWhereANumberIsExpectedIsShownAndNoted();
    void inputsAreAddedAndRemovedWithinTheBatchLimit();
    void inputsPastTheFormLimitStayInTheJson();
    void valueFromText_data();
    void valueFromText();
};

static void endpointRows()
{
    QTest::addColumn<QString>("path");
    for (const ApiEndpoint &e : ApiEndpointCatalogue::endpoints())
        QTest::newRow(qPrintable(e.path)) << e.path;
}

void TestApiRequestForm::examplesReadBackUnchanged_data()
{
    endpointRows();
}

// Reading a request changes nothing in it, and every documented example fits the form.
void TestApiRequestForm::examplesReadBackUnchanged()
{
    QFETCH(QString, path);
    const ApiEndpoint &e = *ApiEndpointCatalogue::find(path);
    ApiRequestForm form(e);
    form.read(e.path, e.exampleBody);
    QCOMPARE(form.body(), e.exampleBody);
    QCOMPARE(form.path(), e.path);
    QVERIFY(form.isEditable());
    QCOMPARE(form.notes(), QStringList());
}

void TestApiRequestForm::fieldsRebuildTheExample_data()
{
    endpointRows();
}

// Typing every field's text into an empty form gives the example's body again (form -> JSON
// -> form round trip over the whole catalogue).
void TestApiRequestForm::fieldsRebuildTheExample()
{
    QFETCH(QString, path);
    const ApiEndpoint &e = *ApiEndpointCatalogue::find(path);
    ApiRequestForm shown(e);
    shown.read(e.path, e.exampleBody);

    ApiRequestForm typed(e);
    for (const ApiParameter &p : typed.fields())
        typed.setText(p.name, shown.text(p.name));
    for (int i = 0; i < shown.inputCount(); ++i) {
        QVERIFY(typed.addInput());
        for (const ApiParameter &p : typed.inputFields())
            typed.setInputText(i, p.name, shown.inputText(i, p.name));
    }
    const bool emptyGet = e.body == ApiBodyKind::None && e.exampleBody.toObject().isEmpty();
    if (!emptyGet)
        QCOMPARE(typed.body(), e.exampleBody);
    QCOMPARE(typed.path(), e.path);
    // And back: the rebuilt body shows the same texts.
    ApiRequestForm again(e);
    again.read(typed.path(), typed.body());
    for (const ApiParameter &p : again.fields())
        QCOMPARE(again.text(p.name), shown.text(p.name));
}

// A field's edit writes its JSON type (numbers stay numbers) and an emptied field is removed.
void TestApiRequestForm::editingAFieldWritesTheBody()
{
    ApiRequestForm form(endpointAt("/api/v1/developer/tokens"));
    form.read(QStringLiteral("/api/v1/developer/tokens"), json(R"({"chain":"ethereum"})"));
    form.setText(QStringLiteral("limit"), QStringLiteral("25"));
    form.setText(QStringLiteral("order"), QStringLiteral("asc"));
    QCOMPARE(form.body(), json(R"({"chain":"ethereum","limit":25,"order":"asc"})"));
    form.setText(QStringLiteral("chain"), QString());
    QCOMPARE(form.body(), json(R"({"limit":25,"order":"asc"})"));
    QCOMPARE(form.text(QStringLiteral("limit")), QStringLiteral("25"));
    QVERIFY(form.bodyText().contains(QLatin1String("\"limit\": 25")));
    form.setText(QStringLiteral("limit"), QString());
    form.setText(QStringLiteral("order"), QString());
    // A GET without members has no body text at all.
    QCOMPARE(form.bodyText(), QString());
}

// A GET's query item written into the path shows in its field; editing moves it to the body.
void TestApiRequestForm::getQueryItemsInThePathAreReadAndMovedToTheBody()
{
    ApiRequestForm form(endpointAt("/api/v1/developer/tokens"));
    form.read(QStringLiteral("/api/v1/developer/tokens?limit=7&x=1"), QJsonValue());
    QCOMPARE(form.text(QStringLiteral("limit")), QStringLiteral("7"));
    form.setText(QStringLiteral("limit"), QStringLiteral("8"));
    QCOMPARE(form.path(), QStringLiteral("/api/v1/developer/tokens?x=1"));
    QCOMPARE(form.body(), json(R"({"limit":8})"));
}

// A POST's query parameters (limit, cursor) are edited in the path's query string.
void TestApiRequestForm::postQueryParametersLiveInThePath()
{
    const ApiEndpoint &e = endpointAt("/api/v1/developer/wallet/transactions");
    ApiRequestForm form(e);
    form.read(e.path, e.exampleBody);
    form.setText(QStringLiteral("limit"), QStringLiteral("10"));
    form.setText(QStringLiteral("cursor"), QStringLiteral("a b&c"));
    QCOMPARE(form.body(), e.exampleBody);
    QCOMPARE(form.text(QStringLiteral("cursor")), QStringLiteral("a b&c"));
    QCOMPARE(form.text(QStringLiteral("limit")), QStringLiteral("10"));
    QVERIFY(form.path().startsWith(e.path + QStringLiteral("?")));
    form.setText(QStringLiteral("limit"), QString());
    form.setText(QStringLiteral("cursor"), QString());
    QCOMPARE(form.path(), e.path);
}

// Members the form has no field for are named in a note and survive edits of other fields.
void TestApiRequestForm::unknownMembersStayAndAreNoted()
{
    const ApiEndpoint &e = endpointAt("/api/v1/developer/prices/history");
    ApiRequestForm form(e);
    QJsonObject body = e.exampleBody.toObject();
    body.insert(QStringLiteral("extra"), QJsonObject{{QStringLiteral("deep"), 1}});
    QJsonArray addresses = body.value(QStringLiteral("addresses")).toArray();
    QJsonObject first = addresses.at(0).toObject();
    first.insert(QStringLiteral("note"), QStringLiteral("mine"));
    addresses[0] = first;
    body.insert(QStringLiteral("addresses"), addresses);
    form.read(e.path, body);
    QVERIFY(form.isEditable());
    QCOMPARE(form.notes().size(), 2);
    QVERIFY(form.notes().at(0).contains(QLatin1String("\"extra\"")));
    QVERIFY(form.notes().at(1).contains(QLatin1String("Input 1: \"note\"")));
    form.setText(QStringLiteral("time_granularity"), QStringLiteral("1d"));
    form.setInputText(0, QStringLiteral("chain"), QStringLiteral("base"));
    const QJsonObject after = form.body().toObject();
    QCOMPARE(after.value(QStringLiteral("extra")), body.value(QStringLiteral("extra")));
    const QJsonObject input = after.value(QStringLiteral("addresses")).toArray().at(0).toObject();
    QCOMPARE(input.value(QStringLiteral("note")).toString(), QStringLiteral("mine"));
    QCOMPARE(input.value(QStringLiteral("chain")).toString(), QStringLiteral("base"));
    QCOMPARE(after.value(QStringLiteral("time_granularity")).toString(), QStringLiteral("1d"));
}

// A body of the wrong kind is explained and left alone: the form edits nothing.
void TestApiRequestForm::wrongBodyKindIsNotEditable()
{
    const ApiEndpoint &e = endpointAt("/api/v1/developer/prices");
    ApiRequestForm form(e);
    const QJsonValue body = json(R"({"token_address":"0x1","chain":"ethereum"})");
    form.read(e.path, body);
    QVERIFY(!form.isEditable());
    QCOMPARE(form.notes().size(), 1);
    QVERIFY(form.notes().first().contains(QLatin1String("an array of inputs")));
    QVERIFY(!form.addInput());
    QCOMPARE(form.body(), body);

    form.read(e.path, json(R"([{"chain":"ethereum"}, 5])"));
    QVERIFY(!form.isEditable());
    QVERIFY(form.notes().first().contains(QLatin1String("Input 2 is a number")));

    ApiRequestForm history(endpointAt("/api/v1/developer/prices/history"));
    history.read(e.path, json(R"({"addresses":"0x1"})"));
    QVERIFY(!history.isEditable());
    history.setText(QStringLiteral("time_granularity"), QStringLiteral("1d"));
    QCOMPARE(history.body(), json(R"({"addresses":"0x1"})"));
}

// A number field holding text shows it as written and says editing would replace it.
void TestApiRequestForm::textWhereANumberIsExpectedIsShownAndNoted()
{
    ApiRequestForm form(endpointAt("/api/v1/developer/assets"));
    form.read(QStringLiteral("/api/v1/developer/assets"), json(R"({"limit":"10","cursor":null})"));
    QCOMPARE(form.text(QStringLiteral("limit")), QStringLiteral("10"));
    QVERIFY(!form.isExact(QStringLiteral("limit")));
    QVERIFY(!form.isExact(QStringLiteral("cursor")));
    QCOMPARE(form.notes().size(), 2);
    QVERIFY(form.notes().join(QLatin1Char('\n')).contains(QLatin1String("\"limit\" holds text")));
    form.setText(QStringLiteral("limit"), QStringLiteral("10"));
    QVERIFY(form.isExact(QStringLiteral("limit")));
    QCOMPARE(form.body().toObject().value(QStringLiteral("limit")), QJsonValue(10));
}

// Inputs are added up to the endpoint's documented batch limit and removed by position.
void TestApiRequestForm::inputsAreAddedAndRemovedWithinTheBatchLimit()
{
    const ApiEndpoint &e = endpointAt("/api/v1/developer/wallet/balances");
    ApiRequestForm form(e);
    QCOMPARE(form.inputCount(), 0);
    for (int i = 0; i < e.maxBatch; ++i)
        QVERIFY(form.addInput());
    QVERIFY(!form.addInput());
    QCOMPARE(form.inputCount(), e.maxBatch);
    form.setInputText(1, QStringLiteral("address"), QStringLiteral("0xabc"));
    form.removeInput(0);
    QCOMPARE(form.inputCount(), e.maxBatch - 1);
    QCOMPARE(form.inputText(0, QStringLiteral("address")), QStringLiteral("0xabc"));
}

// Inputs past MaxFormInputs are not shown but kept, and the note says so.
void TestApiRequestForm::inputsPastTheFormLimitStayInTheJson()
{
    const ApiEndpoint &e = endpointAt("/api/v1/developer/prices");
    QJsonArray inputs;
    for (int i = 0; i < ApiRequestForm::MaxFormInputs + 3; ++i)
        inputs.append(QJsonObject{{QStringLiteral("chain"), QStringLiteral("ethereum")}});
    ApiRequestForm form(e);
    form.read(e.path, inputs);
    QVERIFY(form.isEditable());
    QCOMPARE(form.inputCount(), ApiRequestForm::MaxFormInputs + 3);
    QCOMPARE(form.notes().size(), 1);
    QVERIFY(form.notes().first().contains(QLatin1String("Inputs 51 to 53")));
    form.setInputText(0, QStringLiteral("chain"), QStringLiteral("base"));
    QCOMPARE(form.body().toArray().size(), inputs.size());
}

void TestApiRequestForm::valueFromText_data()
{
    QTest::addColumn<ApiParameterType>("type");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("value");
    using T = ApiParameterType;
    QTest::newRow("empty") << T::Integer << QString() << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("integer") << T::Integer << QStringLiteral("42") << QJsonValue(42);
    QTest::newRow("negative") << T::Integer << QStringLiteral("-3") << QJsonValue(-3);
    QTest::newRow("integer with space stays text")
        << T::Integer << QStringLiteral(" 42") << QJsonValue(QStringLiteral(" 42"));
    QTest::newRow("integer as word")
        << T::Integer << QStringLiteral("ten") << QJsonValue(QStringLiteral("ten"));
    QTest::newRow("past 2^53 stays text") << T::Integer << QStringLiteral("9007199254740993")
                                          << QJsonValue(QStringLiteral("9007199254740993"));
    QTest::newRow("ms") << T::EpochMs << QStringLiteral("1750476484151")
                        << QJsonValue(1750476484151.0);
    QTest::newRow("number") << T::Number << QStringLiteral("1.5") << QJsonValue(1.5);
    QTest::newRow("nan stays text")
        << T::Number << QStringLiteral("nan") << QJsonValue(QStringLiteral("nan"));
    QTest::newRow("true") << T::Boolean << QStringLiteral("true") << QJsonValue(true);
    QTest::newRow("false") << T::Boolean << QStringLiteral("false") << QJsonValue(false);
    QTest::newRow("oid") << T::OrderId << QStringLiteral("123") << QJsonValue(123);
    QTest::newRow("cloid") << T::OrderId << QStringLiteral("0x1234")
                           << QJsonValue(QStringLiteral("0x1234"));
    QTest::newRow("chain") << T::Chain << QStringLiteral("Ethereum")
                           << QJsonValue(QStringLiteral("Ethereum"));
    QTest::newRow("digits in text field")
        << T::String << QStringLiteral("123") << QJsonValue(QStringLiteral("123"));
}

// What a field writes for what was typed, and that the text shown for it gives it back.
void TestApiRequestForm::valueFromText()
{
    QFETCH(ApiParameterType, type);
    QFETCH(QString, text);
    QFETCH(QJsonValue, value);
    ApiParameter p;
    p.name = QStringLiteral("f");
    p.type = type;
    QCOMPARE(ApiRequestForm::valueFromText(p, text), value);
    QString shown;
    QVERIFY(ApiRequestForm::textOf(p, value, &shown));
    QCOMPARE(shown, text);
}

QTEST_GUILESS_MAIN(TestApiRequestForm)
#include "tst_apirequestform.moc"

// SPDX-License-Identifier: MIT
#include "core/api/apirequestform.h"

#include "core/api/apitemplate.h"
#include "core/json/valueformatter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QUrl>
#include <QUrlQuery>

#include <cmath>

namespace allium {

namespace {

// Notes past this are summed up in one line: a body with hundreds of stray members must not
// make the form a wall of text.
constexpr int MaxNotes = 8;

QString kindName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::String:
        return QStringLiteral("text");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::Bool:
        return QStringLiteral("true or false");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString bare(const QString &path)
{
    return path.section(QLatin1Char('?'), 0, 0);
}

QUrlQuery queryOfPath(const QString &path)
{
    return QUrlQuery(path.contains(QLatin1Char('?')) ? path.section(QLatin1Char('?'), 1)
                                                     : QString());
}

QString withQuery(const QString &path, const QUrlQuery &query)
{
    const QString rest = query.toString(QUrl::FullyEncoded);
    return bare(path) + (rest.isEmpty() ? QString() : QLatin1Char('?') + rest);
}

QString pathQueryValue(const QString &path, const QString &name)
{
    return queryOfPath(path).queryItemValue(name, QUrl::FullyDecoded);
}

QString withoutQueryItem(const QString &path, const QString &name)
{
    if (!path.contains(QLatin1Char('?')))
        return path;
    QUrlQuery query = queryOfPath(path);
    query.removeAllQueryItems(name);
    return withQuery(path, query);
}

} // namespace

ApiRequestForm::ApiRequestForm(const ApiEndpoint &endpoint)
    : m_endpoint(endpoint)
    , m_path(endpoint.path)
    , m_body(QJsonValue::Undefined)
{
    check();
}

void ApiRequestForm::read(const QString &path, const QJsonValue &body)
{
    m_path = path;
    m_body = body.isNull() ? QJsonValue(QJsonValue::Undefined) : body;
    check();
}

QString ApiRequestForm::bodyText() const
{
    if (m_body.isUndefined() || m_body.isNull())
        return {};
    if (m_endpoint.body == ApiBodyKind::None && m_body.isObject() && m_body.toObject().isEmpty())
        return {};
    return prettyJsonText(m_body);
}

const ApiParameter *ApiRequestForm::field(const QString &name) const
{
    return m_endpoint.parameter(name);
}

bool ApiRequestForm::isInQuery(const ApiParameter &parameter) const
{
    // A GET has no body on the wire: its "body" members are the query (ApiRequestValidator).
    return parameter.place == ApiParameterPlace::Query && m_endpoint.method != QLatin1String("GET");
}

QJsonValue ApiRequestForm::valueOf(const ApiParameter &parameter) const
{
    if (isInQuery(parameter)) {
        const QString value = pathQueryValue(m_path, parameter.name);
        return value.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(value);
    }
    const QJsonValue value = m_body.toObject().value(parameter.name);
    if (value.isUndefined() && m_endpoint.method == QLatin1String("GET")) {
        // A query item written into the path counts when the body does not set it.
        const QString fromPath = pathQueryValue(m_path, parameter.name);
        if (!fromPath.isEmpty())
            return valueFromText(parameter, fromPath);
    }
    return value;
}

QJsonArray ApiRequestForm::inputs() const
{
    if (!m_endpoint.isBatch())
        return {};
    if (m_endpoint.batchField.isEmpty())
        return m_body.toArray();
    return m_body.toObject().value(m_endpoint.batchField).toArray();
}

void ApiRequestForm::setInputs(const QJsonArray &inputs)
{
    if (m_endpoint.batchField.isEmpty()) {
        m_body = inputs;
        return;
    }
    QJsonObject object = m_body.toObject();
    object.insert(m_endpoint.batchField, inputs);
    m_body = object;
}

int ApiRequestForm::inputCount() const
{
    return int(inputs().size());
}

QString ApiRequestForm::text(const QString &name) const
{
    const ApiParameter *parameter = field(name);
    if (!parameter)
        return {};
    QString text;
    textOf(*parameter, valueOf(*parameter), &text);
    return text;
}

QString ApiRequestForm::inputText(int input, const QString &name) const
{
    const ApiParameter *parameter = m_endpoint.itemParameter(name);
    const QJsonArray list = inputs();
    if (!parameter || input < 0 || input >= list.size())
        return {};
    QString text;
    textOf(*parameter, list.at(input).toObject().value(name), &text);
    return text;
}

bool ApiRequestForm::isExact(const QString &name) const
{
    const ApiParameter *parameter = field(name);
    QString text;
    return !parameter || isInQuery(*parameter) || textOf(*parameter, valueOf(*parameter), &text);
}

bool ApiRequestForm::isInputExact(int input, const QString &name) const
{
    const ApiParameter *parameter = m_endpoint.itemParameter(name);
    const QJsonArray list = inputs();
    QString text;
    return !parameter || input < 0 || input >= list.size() ||
           textOf(*parameter, list.at(input).toObject().value(name), &text);
}

void ApiRequestForm::setText(const QString &name, const QString &text)
{
    const ApiParameter *parameter = field(name);
    if (!parameter || !m_editable)
        return;
    if (isInQuery(*parameter)) {
        QUrlQuery query = queryOfPath(m_path);
        query.removeAllQueryItems(name);
        if (!text.isEmpty())
            query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(text)));
        m_path = withQuery(m_path, query);
    } else {
        QJsonObject object = m_body.toObject();
        const QJsonValue value = valueFromText(*parameter, text);
        if (value.isUndefined())
            object.remove(name);
        else
            object.insert(name, value);
        m_body = object;
        // The body's member is the one that counts; a stale copy in the path would mislead.
        if (m_endpoint.method == QLatin1String("GET"))
            m_path = withoutQueryItem(m_path, name);
    }
    check();
}

void ApiRequestForm::setInputText(int input, const QString &name, const QString &text)
{
    const ApiParameter *parameter = m_endpoint.itemParameter(name);
    QJsonArray list = inputs();
    if (!parameter || !m_editable || input < 0 || input >= list.size())
        return;
    QJsonObject object = list.at(input).toObject();
    const QJsonValue value = valueFromText(*parameter, text);
    if (value.isUndefined())
        object.remove(name);
    else
        object.insert(name, value);
    list[input] = object;
    setInputs(list);
    check();
}

bool ApiRequestForm::addInput()
{
    QJsonArray list = inputs();
    if (!m_editable || !m_endpoint.isBatch() || list.size() >= m_endpoint.maxBatch)
        return false;
    list.append(QJsonObject());
    setInputs(list);
    check();
    return true;
}

void ApiRequestForm::removeInput(int input)
{
    QJsonArray list = inputs();
    if (!m_editable || input < 0 || input >= list.size())
        return;
    list.removeAt(input);
    setInputs(list);
    check();
}

QJsonValue ApiRequestForm::valueFromText(const ApiParameter &parameter, const QString &text)
{
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    const QString trimmed = text.trimmed();
    bool ok = false;
    switch (parameter.type) {
    case ApiParameterType::Integer:
    case ApiParameterType::EpochMs:
    case ApiParameterType::OrderId: {
        const qint64 n = trimmed.toLongLong(&ok);
        // Past 2^53 a double no longer holds every integer: such a number stays text.
        if (ok && trimmed == text && std::llabs(n) <= (qint64(1) << 53))
            return double(n);
        break;
    }
    case ApiParameterType::Number: {
        const double n = QLocale::c().toDouble(trimmed, &ok);
        if (ok && trimmed == text && std::isfinite(n))
            return n;
        break;
    }
    case ApiParameterType::Boolean:
        if (text == QLatin1String("true"))
            return true;
        if (text == QLatin1String("false"))
            return false;
        break;
    case ApiParameterType::String:
    case ApiParameterType::Enum:
    case ApiParameterType::Chain:
    case ApiParameterType::Address:
    case ApiParameterType::IsoTime:
        break;
    }
    return text;
}

bool ApiRequestForm::textOf(const ApiParameter &parameter, const QJsonValue &value, QString *text)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        text->clear();
        return true;
    case QJsonValue::String:
        *text = value.toString();
        break;
    case QJsonValue::Bool:
        *text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Double: {
        const double n = value.toDouble();
        *text = n == std::floor(n) && std::fabs(n) <= 9007199254740992.0
                    ? QString::number(qint64(n))
                    : QString::number(n, 'g', 17);
        break;
    }
    case QJsonValue::Null:
    case QJsonValue::Object:
    case QJsonValue::Array:
        *text = ValueFormatter::copyText(value);
        return false;
    }
    return valueFromText(parameter, *text) == value;
}

void ApiRequestForm::check()
{
    m_notes.clear();
    m_editable = true;
    const bool get = m_endpoint.method == QLatin1String("GET");
    const bool none = m_body.isUndefined();
    const bool wantsArray = m_endpoint.body == ApiBodyKind::Array;
    if (!none && (wantsArray ? !m_body.isArray() : !m_body.isObject())) {
        m_editable = false;
        m_notes << QStringLiteral("The body is %1, but this endpoint takes %2: the form cannot "
                                  "show it; edit the JSON")
                       .arg(kindName(m_body), wantsArray ? QStringLiteral("an array of inputs")
                                                         : QStringLiteral("an object"));
        return;
    }
    QStringList stray;
    auto note = [this, &stray](const QString &text) {
        if (m_notes.size() < MaxNotes)
            m_notes << text;
        else
            stray << text;
    };
    const QJsonObject object = m_body.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == m_endpoint.batchField && m_endpoint.isBatch())
            continue;
        const ApiParameter *parameter = field(it.key());
        if (!parameter || (parameter->place == ApiParameterPlace::Query && !get)) {
            note(QStringLiteral("\"%1\" is not a field of the form: it stays in the JSON as it is")
                     .arg(it.key()));
            continue;
        }
        QString text;
        if (!textOf(*parameter, it.value(), &text))
            note(QStringLiteral("\"%1\" holds %2 where the form expects %3: editing the field "
                                "replaces it")
                     .arg(it.key(), kindName(it.value()), apiParameterTypeName(parameter->type)));
    }
    if (m_endpoint.isBatch() && !m_endpoint.batchField.isEmpty() && !none) {
        const QJsonValue batch = object.value(m_endpoint.batchField);
        if (!batch.isUndefined() && !batch.isArray()) {
            m_editable = false;
            m_notes.prepend(QStringLiteral("\"%1\" is %2, but it must be an array of inputs: the "
                                           "form cannot show it; edit the JSON")
                                .arg(m_endpoint.batchField, kindName(batch)));
            return;
        }
    }
    const QJsonArray list = inputs();
    for (int i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject()) {
            m_editable = false;
            m_notes.prepend(QStringLiteral("Input %1 is %2, not an object: the form cannot show "
                                           "the inputs; edit the JSON")
                                .arg(i + 1)
                                .arg(kindName(list.at(i))));
            return;
        }
        if (i >= MaxFormInputs)
            continue;
        const QJsonObject input = list.at(i).toObject();
        for (auto it = input.begin(); it != input.end(); ++it) {
            const ApiParameter *parameter = m_endpoint.itemParameter(it.key());
            QString text;
            if (!parameter)
                note(QStringLiteral("Input %1: \"%2\" is not a field of the form: it stays in the "
                                    "JSON as it is")
                         .arg(i + 1)
                         .arg(it.key()));
            else if (!textOf(*parameter, it.value(), &text))
                note(QStringLiteral("Input %1: \"%2\" holds %3 where the form expects %4: "
                                    "editing the field replaces it")
                         .arg(i + 1)
                         .arg(it.key(), kindName(it.value()),
                              apiParameterTypeName(parameter->type)));
        }
    }
    if (list.size() > MaxFormInputs)
        note(QStringLiteral("Inputs %1 to %2 are not in the form (it shows %3): they stay in the "
                            "JSON as they are")
                 .arg(MaxFormInputs + 1)
                 .arg(list.size())
                 .arg(MaxFormInputs));
    if (!stray.isEmpty())
        m_notes << QStringLiteral("… and %1 more like these").arg(stray.size());
}

} // namespace allium

// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apiendpoint.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace allium {

/// The request form of one catalogue endpoint over a request's path and JSON body, with no
/// widgets: it reads the documented fields' values out of the request and writes one field's
/// edit back into it, leaving everything else as it was (members the form has no field for,
/// other inputs, key spelling of values not edited). What the form cannot show is listed in
/// notes(), so the JSON is never silently rewritten. Query parameters of a GET travel as the
/// body's members, those of other methods in the path's query string; an endpoint's batch
/// inputs are the body array or its `batchField` member.
class ApiRequestForm
{
public:
    /// Batch inputs the form shows at most; the rest stay in the JSON (noted).
    static constexpr int MaxFormInputs = 50;

    explicit ApiRequestForm(const ApiEndpoint &endpoint);

    const ApiEndpoint &endpoint() const { return m_endpoint; }

    /// Reads the request's `path` and `body` (undefined or null: no body yet).
    void read(const QString &path, const QJsonValue &body);
    /// The request as the form holds it, with every edit applied.
    QString path() const { return m_path; }
    QJsonValue body() const { return m_body; }
    /// The body as the composer shows it: indented JSON, empty for a GET without members.
    QString bodyText() const;

    /// Whether the form can edit the request: the body has the endpoint's shape (an object, or
    /// a batch array of objects). When not, the form only shows notes() and edits nothing.
    bool isEditable() const { return m_editable; }
    /// What the form does not show, one sentence each ("\"foo\" is not a documented field: it
    /// stays in the JSON").
    QStringList notes() const { return m_notes; }

    /// The endpoint's top-level fields (query parameters and body members).
    const QList<ApiParameter> &fields() const { return m_endpoint.parameters; }
    /// The members of each batch input; empty when the endpoint takes no batch.
    const QList<ApiParameter> &inputFields() const { return m_endpoint.itemParameters; }
    /// Batch inputs in the request (all of them, also those past MaxFormInputs).
    int inputCount() const;

    /// What the field `name` shows: its value as text, empty when absent.
    QString text(const QString &name) const;
    QString inputText(int input, const QString &name) const;
    /// Whether the field shows its value exactly (false: an object, an array, null, or text a
    /// number field would write back as a number); such a field is also in notes().
    bool isExact(const QString &name) const;
    bool isInputExact(int input, const QString &name) const;

    /// Sets the field `name` from what the user typed (empty: removes it).
    void setText(const QString &name, const QString &text);
    void setInputText(int input, const QString &name, const QString &text);
    /// Appends an empty input (nothing when at the endpoint's batch limit or not editable).
    bool addInput();
    void removeInput(int input);

    /// The JSON a field of `parameter` writes for `text`: numbers for integer, number and
    /// millisecond fields that hold one, true/false for booleans, a string otherwise (the
    /// validator then names what is wrong); undefined for empty text.
    static QJsonValue valueFromText(const ApiParameter &parameter, const QString &text);
    /// The text a field of `parameter` shows for `value`; false when it cannot show it exactly
    /// (valueFromText of the text would not give `value` back).
    static bool textOf(const ApiParameter &parameter, const QJsonValue &value, QString *text);

private:
    const ApiParameter *field(const QString &name) const;
    bool isInQuery(const ApiParameter &parameter) const;
    QJsonValue valueOf(const ApiParameter &parameter) const;
    QJsonArray inputs() const;
    void setInputs(const QJsonArray &inputs);
    void check();

    ApiEndpoint m_endpoint;
    QString m_path;
    QJsonValue m_body;
    bool m_editable = true;
    QStringList m_notes;
};

} // namespace allium

// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apiendpoint.h"
#include "core/api/apirequestform.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QFormLayout;
class QGridLayout;
class QGroupBox;
class QPushButton;

namespace allium {

class PlainLabel;

/// The console's request form, generated from the catalogue entry of the chosen endpoint: one
/// editor per documented field (enum choices and booleans as combo boxes, defaults as
/// placeholders, required fields marked with *), the batch inputs as rows, and notes on what
/// the form cannot show. It edits an ApiRequestForm; the composer keeps it in sync with the
/// JSON body, as the filter builder is kept in sync with the filter's JSON.
class ApiRequestFormWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ApiRequestFormWidget(QWidget *parent = nullptr);

    /// Builds the form of `endpoint` (nullptr: a path the catalogue does not know, no form).
    void setEndpoint(const ApiEndpoint *endpoint);
    const ApiEndpoint *endpoint() const { return m_endpoint; }
    /// Shows the request's values in the editors (emits nothing).
    void read(const QString &path, const QJsonValue &body);
    /// The JSON body does not parse: the editors keep what they showed and are disabled until it
    /// does, so an edit cannot overwrite what is being typed.
    void setUnparsable(const QString &reason);

    /// The editor of the top-level field `name` (a QLineEdit or QComboBox), or nullptr.
    QWidget *fieldEditor(const QString &name) const { return m_fieldEditors.value(name); }
    /// The editor of member `name` of batch input `input`, or nullptr.
    QWidget *inputEditor(int input, const QString &name) const;
    /// The notes shown (what the form cannot show), one per line; empty when none.
    QString notesText() const;
    /// The form's focusable widgets in visual order: the fields top to bottom, then each input
    /// row left to right with its Remove button, then Add input.
    QList<QWidget *> focusOrder() const;

signals:
    /// The editors were made anew (another endpoint, another number of inputs): the focus
    /// chain must take them in.
    void editorsRebuilt();
    /// The user changed a field: the request is now `path` with `bodyText` as its body.
    void edited(const QString &path, const QString &bodyText);

private:
    QWidget *makeEditor(const ApiParameter &parameter, const QString &objectName,
                        const std::function<void(const QString &)> &onEdit);
    static void showValue(QWidget *editor, const QString &text, bool exact);
    void rebuildInputs();
    void showForm();
    void fieldEdited(const QString &name, const QString &text);
    void inputEdited(int input, const QString &name, const QString &text);
    void publish();

    const ApiEndpoint *m_endpoint = nullptr;
    std::optional<ApiRequestForm> m_form;
    QFormLayout *m_fields;
    QWidget *m_fieldsBox;
    QGroupBox *m_inputsBox;
    QGridLayout *m_inputsGrid;
    QPushButton *m_addInput;
    PlainLabel *m_notes;
    PlainLabel *m_empty;
    QHash<QString, QWidget *> m_fieldEditors;
    QList<QHash<QString, QWidget *>> m_inputEditors;
    int m_shownInputs = -1;
};

} // namespace allium

// SPDX-License-Identifier: MIT
#pragma once

#include "core/api/apicosttally.h"
#include "core/api/apirequest.h"
#include "core/api/apitemplate.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace allium {

class ApiClient;
class JsonHighlighter;
class ApiRequestFormWidget;
class PlainLabel;
class SavedRequestStore;

/// The API console's request composer: method, path with completion, JSON body checked as you
/// type, id, Send, built-in examples and saved requests, and "copy as code". It does not submit:
/// Send emits sendRequested() with the request, and the console submits it.
class ApiComposerWidget : public QWidget
{
    Q_OBJECT
public:
    /// Bodies past this are refused before parsing: the console is for hand-written requests.
    static constexpr int MaxBodyChars = 1024 * 1024;

    /// `store` holds the saved requests the Templates menu lists (not owned).
    explicit ApiComposerWidget(SavedRequestStore *store, QWidget *parent = nullptr);
    ~ApiComposerWidget() override;

    /// The client whose pending ids and URL the composer checks against (not owned; nullptr:
    /// Send is off).
    void setApiClient(ApiClient *client);

    /// Puts `request` (method, path, body) in the composer; the id field keeps its fresh id.
    void loadTemplate(const ApiTemplate &request);
    /// The composer's content as a template (named `name`).
    ApiTemplate currentTemplate(const QString &name = {}) const;
    /// The request Send would submit now.
    ApiRequest currentRequest() const;
    /// Why Send is disabled, or empty when it is enabled.
    QString problem() const { return m_problem; }

    /// A fresh id for the next request: "console-" plus random hex and a counter.
    QString generateId();
    /// The client took the request `id`: when it is the id field's, the field gets a fresh one.
    void markSubmitted(const QString &id);
    /// Counts `request`'s documented cost into the session's total the cost line shows.
    void addToSessionCost(const ApiRequest &request);
    const ApiCostTally &sessionCost() const { return m_sessionCost; }
    /// Loads the catalogue's example request of the endpoint at `path`.
    void chooseEndpoint(const QString &path);
    /// The form generated from the chosen endpoint, in sync with the body editor.
    ApiRequestFormWidget *form() const { return m_form; }

public slots:
    /// Emits sendRequested() with the composed request when it is valid.
    void send();
    /// Saves the composed request under `name` (replacing one of that name).
    bool saveCurrentRequest(const QString &name, QString *error = nullptr);

signals:
    /// The user asked to send `request` (valid, with the id field's id).
    void sendRequested(const ApiRequest &request);
    /// A one-line report of what the last action did (saved, copied…), for the console to show.
    void noticePosted(const QString &text);

protected:
    void changeEvent(QEvent *event) override;

private:
    void validate();
    /// Tab follows the layout: the top row, the form's editors, the body, then the id row.
    void updateTabOrder();
    void rebuildTemplateMenu();
    void buildEndpointMenu();
    void filterEndpointMenu(const QString &text);
    void updateEndpointInfo();
    /// Shows the request in the form (its endpoint's fields, the body's values).
    void syncForm(const QString &path, bool parsed, const QJsonValue &body, const QString &problem);
    /// The form changed a field: the path and body editors take the form's request.
    void applyFormEdit(const QString &path, const QString &bodyText);
    void promptSave();
    void copySnippet(int language);
    void applyColours();

    QPointer<ApiClient> m_client;
    QMetaObject::Connection m_clientConnection;
    SavedRequestStore *m_store;
    quint64 m_idCounter = 0;
    QString m_problem;

    QComboBox *m_method = nullptr;
    QLineEdit *m_path = nullptr;
    QToolButton *m_templatesButton = nullptr;
    QMenu *m_templatesMenu = nullptr;
    QToolButton *m_codeButton = nullptr;
    QToolButton *m_endpointsButton = nullptr;
    QMenu *m_endpointsMenu = nullptr;
    QLineEdit *m_endpointSearch = nullptr;
    PlainLabel *m_endpointInfo = nullptr;
    PlainLabel *m_cost = nullptr;
    ApiCostTally m_sessionCost;
    ApiRequestFormWidget *m_form = nullptr;
    bool m_applyingFormEdit = false;
    QPlainTextEdit *m_body = nullptr;
    JsonHighlighter *m_bodyHighlighter = nullptr;
    PlainLabel *m_bodyError = nullptr;
    QLineEdit *m_id = nullptr;
    QToolButton *m_newId = nullptr;
    QPushButton *m_send = nullptr;
};

} // namespace allium

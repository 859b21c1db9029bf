#pragma once

#include "core/api/apirequest.h"
#include "core/api/apitemplate.h"

#include <QByteArray>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QToolButton;

namespace allium {

class PlainLabel;

class ApiClient;
class ApiExchangeView;
class ApiHistoryModel;
class ApiHistoryProxyModel;
class JsonHighlighter;
class SavedRequestStore;

/// The API console: compose a Developer API request (method, path with completion, JSON body
/// checked as you type, id), send it over the API websocket, and follow every request in a
/// history with its status, latency and matched response. Also resend, cancel, latency
/// summary, built-in examples and saved requests, and "copy as code".
class ApiConsolePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ApiConsolePanel(QWidget *parent = nullptr);
    ~ApiConsolePanel() override;

    /// The client requests go through (not owned; nullptr: sending is off).
    void setApiClient(ApiClient *client);
    ApiClient *apiClient() const;

    /// Splitters, table header and the request being composed; never the history, never a key.
    QByteArray saveState() const;
    bool restoreState(const QByteArray &state);

    ApiHistoryModel *historyModel() const { return m_history; }
    SavedRequestStore *savedRequests() const { return m_store; }

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

public slots:
    /// Submits the composed request (when valid) and puts a fresh id in the id field.
    void send();
    /// Submits the selected history row's request again, under a new id.
    void resendSelected();
    /// Cancels the selected request if it is still queued or in flight.
    void cancelSelected();
    /// Saves the composed request under `name` (replacing one of that name).
    bool saveCurrentRequest(const QString &name, QString *error = nullptr);

signals:
    /// A request was handed to the client under `id`.
    void requestSubmitted(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *buildComposer();
    QWidget *buildHistory();
    void validate();
    void submit(ApiRequest request);
    void updateCounts(int inFlight, int queued);
    void updateStats();
    void updateFill();
    void updateDetail();
    void updateSelectionActions();
    void rebuildTemplateMenu();
    void promptSave();
    void copySnippet(int language);
    void applyColours();
    void showNotice(const QString &text);
    int selectedSourceRow() const;
    void selectId(const QString &id);

    QPointer<ApiClient> m_client;
    QList<QMetaObject::Connection> m_clientConnections;
    ApiHistoryModel *m_history;
    ApiHistoryProxyModel *m_proxy;
    SavedRequestStore *m_store;
    quint64 m_idCounter = 0;
    QString m_problem;

    QComboBox *m_method = nullptr;
    QLineEdit *m_path = nullptr;
    QToolButton *m_templatesButton = nullptr;
    QMenu *m_templatesMenu = nullptr;
    QToolButton *m_codeButton = nullptr;
    QPlainTextEdit *m_body = nullptr;
    JsonHighlighter *m_bodyHighlighter = nullptr;
    PlainLabel *m_bodyError = nullptr;
    QLineEdit *m_id = nullptr;
    QToolButton *m_newId = nullptr;
    QPushButton *m_send = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_resend = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_stats = nullptr;
    PlainLabel *m_fill = nullptr;
    PlainLabel *m_notice = nullptr;
    ApiExchangeView *m_exchange = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_historySplitter = nullptr;
};

} // namespace allium

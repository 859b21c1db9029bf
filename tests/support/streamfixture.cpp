// SPDX-License-Identifier: MIT
#include "support/streamfixture.h"

#include "support/emulatortesting.h"
#include "support/fastconnectionoptions.h"

#include <algorithm>

namespace allium {

StreamFixture::StreamFixture(const EmulatorOptions &serverOptions)
    : server(serverOptions)
    , spies(&session)
    , pongs(&session, &StreamSession::pongReceived)
    , resubscribed(&session, &StreamSession::resubscribed)
    , batches(&session, &StreamSession::messagesReceived)
    , errors(&session, &StreamSession::serverErrorsReceived)
    , fieldsChanged(&session, &StreamSession::fieldsChanged)
{
    QObject::connect(&session, &StreamSession::messagesReceived, &session,
                     [this](const MessageBatch &batch) {
                         maxBatchSize = std::max(maxBatchSize, int(batch.messages.size()));
                         messages += batch.messages;
                     });
}

bool StreamFixture::listen(const QString &topic)
{
    if (!listenOrWarn(server))
        return false;
    pointAt(server.streamUrl(topic));
    return true;
}

void StreamFixture::pointAt(const QUrl &streamUrl)
{
    session.setUrl(streamUrl);
    session.setApiKey(EmulatorDemoKey);
    session.setConnectionOptions(fastConnectionOptions(20, 200));
}

bool StreamFixture::openAndWait(int timeoutMs)
{
    session.open();
    return spies.opened.wait(timeoutMs);
}

} // namespace allium

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>equals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not equal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>greater than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>greater than or equal to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than or equal to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is one of a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is present (true) or missing (false)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::ColumnChooserDialog</name>
    <message>
        <source>Table columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field path to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field path, e.g. payload.coin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields that can be added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the field as a column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the column left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the column right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the topic&apos;s default columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shown columns (left to right):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add a field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documented, seen live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documented for this topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seen in live messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::ConnectionStatusWidget</name>
    <message>
        <source>Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected · %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting · attempt %1 in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting · attempt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::EventLogView</name>
    <message>
        <source>Search events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every event from the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected events, or all shown events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::FilterBuilderWidget</name>
    <message>
        <source>+ Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an AND/OR group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the current condition or group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nest into the group above, or into a new group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unnest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move out of the enclosing group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all (AND)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any (OR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top level: match all or any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether messages must match all of the top-level conditions or any of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, seen in %2% of received messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, documented for %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::FilterConditionRow</name>
    <message>
        <source>field.path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field path in the message, dots for nested objects (payload.coin). Completes from the topic&apos;s known fields and the fields seen in received messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparison: = != &gt; &gt;= &lt; &lt;= compare with the value, in matches any item of a list, exists tests presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers stay numbers (exact strings beyond 2^53 and for wei fields). Put text in &quot;double quotes&quot; to force a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a, b, c</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values separated by commas; &quot;quote&quot; items that contain commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true (present)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>false (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true: the field is present and not null; false: it is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 list of values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 present or missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::FilterEditorPanel</name>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setFilter data sent to the stream. Edits here update the builder once the JSON is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter preview warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample matching messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A few received messages the filter would let through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a saved filter into the editor (Apply sends it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the current filter under a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete saved filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the saved filter selected on the left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every condition and apply: all messages pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this filter to the stream (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter text is too large (over %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid: no conditions, every message passes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: no messages received yet to try the filter on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: would match %1 of 1 received message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview: would match %1 of %2 received messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never seen in this topic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the saved filter &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::FilterGroupRow</name>
    <message>
        <source>AND: all of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OR: any of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AND: every condition of the group must match. OR: at least one must match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1: AND or OR</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::HealthReadoutWidget</name>
    <message>
        <source>Last message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 received in total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 messages in total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not JSON objects, %2 binary frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 messages · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 (%3 %) · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no messages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — stalled? (expected every %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — stalled?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::LiveChartsPanel</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>msgs/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much history the charts show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the charts; data is still received and buffered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field to chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A numeric field of the messages to chart over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No field chosen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::LiveTableView</name>
    <message>
        <source>Received messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy row JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy hash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::MainWindow</name>
    <message>
        <source>Allium Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the known topics or type any chain.kind (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server to send messages (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server to stop sending (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the table while messages keep arriving (Ctrl+P, or Space in the table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the filter in the editor to the server (Ctrl+Return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reconnect now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect again at once, without waiting for the next retry (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the stream and API connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, edit and test connection profiles and API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export visible rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the rows the table shows as NDJSON or CSV (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic and filter &amp;editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stream tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;console tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Allium Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Unencrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unencrypted connection warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no profile called &quot;%1&quot;; showing the default one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key of &quot;%1&quot; could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key for %1: showing the built-in emulator. Set ALLIUM_API_KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key saved for &quot;%1&quot;: showing the built-in emulator. Add a key in Connection → Profiles… to connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connecting to %1: %2. Showing the built-in emulator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connecting with &quot;%1&quot;: %2 (in Connection → Profiles…). Showing the built-in emulator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Showing the built-in emulator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no built-in emulator in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in emulator could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connecting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the built-in emulator at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting with profile &quot;%1&quot; to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic: %1 ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 msg/s · %2/s · %3 received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 parse errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A key was saved for &quot;%1&quot;: switching to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export visible rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NDJSON (*.ndjson *.jsonl);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Allium Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Allium Monitor %1&lt;/h3&gt;&lt;p&gt;Live blockchain streams and the Developer API of Allium over websockets.&lt;/p&gt;&lt;p&gt;Without an API key the monitor runs against a &lt;b&gt;built-in emulator&lt;/b&gt; that produces synthetic data on this machine (loopback only): blocks, transactions, logs and API answers look real but are not. Add a key in Connection → Profiles… to connect to Allium.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::MessageDetailPane</name>
    <message>
        <source>Message details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a message to see it in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message as a tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message as JSON text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the message&apos;s JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected field&apos;s value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected field&apos;s path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field&apos;s dot path, as filters and columns name it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
… (%1 more bytes not shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::ProfileBadge</name>
    <message>
        <source>Local emulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the emulator built into this application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::ProfileDialog</name>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow unencrypted ws:// (the key is sent in clear text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for servers on a network you trust: anyone on the way can read the API key and the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>X-API-KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnect and heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First retry after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest retry wait:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up after attempts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ping every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead after silence of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handshake timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the emulator built into this application)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key stored in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key kept for this session only: no system keychain available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the connection to %1 is not encrypted; the API key and all data travel in clear text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ws:// to %1 is not encrypted: the API key would travel in clear text. Use wss://, or tick “Allow unencrypted ws://”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the profile &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot test: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected in %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel &amp;test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::StreamPanel</name>
    <message>
        <source>Stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied server filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server to send messages (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the server to stop sending; the connection stays open (Shift+F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic picker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server filter editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter type warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered with %1 errors; the last: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream connection failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server filter: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No topic chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a topic first (Ctrl+T).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every message of the topic is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server filter: 1 condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server filter: %1 conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1

%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ No topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◌ Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↻ Reconnecting (attempt %1) in %2 s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↻ Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Streaming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>■ Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⏸ View paused — %1 new · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::StreamTablePanel</name>
    <message>
        <source>Live table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search received messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search received messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only rows whose JSON contains this text, ignoring case (Ctrl+F). The server filter is not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow new rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⤓ Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest row in view (Ctrl+End). Scrolling up stops following; scrolling to the bottom starts it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep last N messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many received messages the table keeps; the oldest go first. Memory is bounded too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History fill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused — %1 new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The table is frozen while messages keep arriving. Click to resume and show the new messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the table to read it; messages keep arriving and appear when you resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages kept / limit · memory (limit %1). %2 older messages were dropped to stay within the limits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>allium::TopicPickerWidget</name>
    <message>
        <source>Search topics or type &lt;chain&gt;.&lt;kind&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters the list as you type. Enter picks the highlighted topic, or the typed topic when nothing matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known topics by chain. Enter or double-click picks one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use typed topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe to exactly the topic typed in the search line, even if it is not in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter subscribes to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a topic, or type any &lt;chain&gt;.&lt;kind&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not in the list; Enter subscribes to it anyway.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

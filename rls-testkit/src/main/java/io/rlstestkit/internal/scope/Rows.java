package io.rlstestkit.internal.scope;

import io.rlstestkit.Tenant;
import org.apiguardian.api.API;
import org.postgresql.util.PGobject;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Binding arguments and reading rows, as every session and assertion does it. */
@API(status = INTERNAL)
public final class Rows {

    private Rows() {
    }

    /** Binds arguments to a statement; a {@link Tenant} binds as its id. */
    public static void bind(PreparedStatement statement, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object value = args[i] instanceof Tenant tenant ? tenant.id() : args[i];
            statement.setObject(i + 1, value);
        }
    }

    /** Every row, each a map from column label to value in column order; arrays as lists, JSON as text. */
    public static List<Map<String, Object>> read(ResultSet rows) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<Map<String, Object>> result = new ArrayList<>();
        while (rows.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                row.put(meta.getColumnLabel(column), value(rows.getObject(column)));
            }
            result.add(row);
        }
        return result;
    }

    private static Object value(Object value) throws SQLException {
        if (value instanceof Array array) {
            Object content = array.getArray();
            return content instanceof Object[] items ? Arrays.asList(items) : content;
        }
        if (value instanceof PGobject object) {
            return object.getValue();
        }
        return value;
    }

    /** Arguments for messages: {@code [7c3c… (tenant a's id), 10]}. */
    public static String describeArguments(Object... args) {
        List<String> parts = new ArrayList<>();
        for (Object arg : args) {
            parts.add(arg instanceof Tenant tenant ? tenant.id() + " (" + tenant.key() + "'s id)" : String.valueOf(arg));
        }
        return parts.toString();
    }
}

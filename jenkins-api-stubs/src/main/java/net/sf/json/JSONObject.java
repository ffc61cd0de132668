package net.sf.json;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stand-in for json-lib's {@code net.sf.json.JSONObject} (the json-lib 2.4 that jenkins-2.479.3 ships, via Stapler):
 * a submitted form's JSON object, a {@link Map} of names to strings, booleans, nested objects and arrays. json-lib
 * implements the raw {@code Map} type, and so does this stand-in, so that code compiled against it also compiles
 * against the real class. The supertypes {@code AbstractJSON}, {@code JSON} and {@code Comparable} and json-lib's own
 * accessors are left out.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class JSONObject implements Map {

    private final Map properties = new LinkedHashMap();

    public JSONObject() {
    }

    @Override
    public int size() {
        return properties.size();
    }

    @Override
    public boolean isEmpty() {
        return properties.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return properties.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return properties.containsValue(value);
    }

    @Override
    public Object get(Object key) {
        return properties.get(key);
    }

    @Override
    public Object put(Object key, Object value) {
        return properties.put(key, value);
    }

    @Override
    public Object remove(Object key) {
        return properties.remove(key);
    }

    @Override
    public void putAll(Map m) {
        properties.putAll(m);
    }

    @Override
    public void clear() {
        properties.clear();
    }

    @Override
    public Set keySet() {
        return properties.keySet();
    }

    @Override
    public Collection values() {
        return properties.values();
    }

    @Override
    public Set entrySet() {
        return properties.entrySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JSONObject j && properties.equals(j.properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    @Override
    public String toString() {
        return properties.toString();
    }
}

package io.earshot.conversation;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.earshot.web.ApiException;

/** Each teammate's named queue filters. */
@ApplicationScoped
public class SavedViews {

    static final int MAX_PER_USER = 50;

    @Transactional
    public List<SavedView> of(String username) {
        return SavedView.of(username);
    }

    /** Saves (or replaces, by name) a view of {@code username}'s. */
    @Transactional
    public SavedView save(String username, String name, QueueFilter filter) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw ApiException.badRequest("invalid view", "a view needs a name of 1-100 characters");
        }
        SavedView view = SavedView.<SavedView>find("username = ?1 and name = ?2", username, trimmed).firstResult();
        if (view == null) {
            if (SavedView.count("username", username) >= MAX_PER_USER) {
                throw ApiException.badRequest("invalid view", "at most " + MAX_PER_USER + " saved views each");
            }
            view = new SavedView();
            view.username = username;
            view.name = trimmed;
            view.createdAt = Instant.now();
        }
        view.query = filter.toQuery();
        view.persist();
        return view;
    }

    /** Deletes one of {@code username}'s views; another user's view is not found. */
    @Transactional
    public void delete(String username, long id) {
        SavedView.delete("id = ?1 and username = ?2", id, username);
    }
}

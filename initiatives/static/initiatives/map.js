/* The initiatives' map: progressive enhancement of the list, which stays complete without it.
   Markers come from the JSON element #initiative-map-markers, the tile layer from the map
   element's data attributes (the MAP_TILE_URL setting). No inline script: CSP allows it. */
(function () {
    "use strict";
    var container = document.getElementById("initiative-map");
    var data = document.getElementById("initiative-map-markers");
    if (!container || !data || typeof window.L === "undefined" || !container.dataset.tiles) {
        return;
    }
    var markers;
    try {
        markers = JSON.parse(data.textContent);
    } catch (error) {
        return;
    }
    if (!markers.length) {
        return;
    }
    container.hidden = false;
    var L = window.L;
    var map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(container.dataset.tiles, {
        attribution: container.dataset.attribution || "",
        maxZoom: 19
    }).addTo(map);
    var bounds = [];
    markers.forEach(function (item) {
        var popup = document.createElement("div");
        var link = document.createElement("a");
        link.href = item.url;
        link.textContent = item.title;
        var status = document.createElement("p");
        status.textContent = item.status;
        popup.appendChild(link);
        popup.appendChild(status);
        L.marker([item.lat, item.lng], { title: item.title, alt: item.title })
            .bindPopup(popup)
            .addTo(map);
        bounds.push([item.lat, item.lng]);
    });
    map.fitBounds(bounds, { maxZoom: 15, padding: [30, 30] });
})();

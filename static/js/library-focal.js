/*
 * The library image's focal point (library/admin.py, focal_picker): a click
 * on the picture sets the two number fields (fractions of its width and
 * height) and moves the mark; typing in the fields moves the mark too, so
 * the keyboard sets the point as well as the mouse. Saved with the form.
 */
"use strict";
{
    const clamp = (value) => Math.min(1, Math.max(0, value));

    function setUp(picker) {
        const frame = picker.querySelector(".library-focal-frame");
        const image = picker.querySelector(".library-focal-image");
        const mark = picker.querySelector(".library-focal-mark");
        const inputX = document.getElementById(picker.dataset.xInput);
        const inputY = document.getElementById(picker.dataset.yInput);
        if (!frame || !image || !mark || !inputX || !inputY) {
            return;
        }
        function show() {
            const x = clamp(Number(inputX.value) || 0);
            const y = clamp(Number(inputY.value) || 0);
            mark.style.setProperty("--focal-x", `${x * 100}%`);
            mark.style.setProperty("--focal-y", `${y * 100}%`);
        }
        image.addEventListener("click", (event) => {
            const box = image.getBoundingClientRect();
            if (!box.width || !box.height) {
                return;
            }
            inputX.value = clamp((event.clientX - box.left) / box.width).toFixed(2);
            inputY.value = clamp((event.clientY - box.top) / box.height).toFixed(2);
            for (const input of [inputX, inputY]) {
                input.dispatchEvent(new Event("input", { bubbles: true }));
                input.dispatchEvent(new Event("change", { bubbles: true }));
            }
            show();
        });
        inputX.addEventListener("input", show);
        inputY.addEventListener("input", show);
        show();
    }

    function init() {
        document.querySelectorAll(".library-focal").forEach(setUp);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
}
